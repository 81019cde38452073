using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;

namespace Kusabi.Protocol.Activation;

/// <summary>
/// Every byte string the activation protocol seals, signs or binds, in one place, so that the
/// server, the device library and docs/protocol.md cannot drift apart.
/// </summary>
public static class ActivationCrypto
{
    public const HpkeAead Aead = HpkeAead.Aes256Gcm;
    public const int SessionIdSize = 16;
    public const int RequestNonceSize = 16;

    public static readonly byte[] HpkeInfoLabel = "kusabi/activation/v1"u8.ToArray();
    public static readonly byte[] ActRequestLabel = "kusabi/act-request/v1"u8.ToArray();
    public static readonly byte[] ActGrantLabel = "kusabi/act-grant/v1"u8.ToArray();
    public static readonly byte[] ConfirmLabel = "kusabi/act-confirm/v1"u8.ToArray();

    /// <summary>HPKE info: binds the session grant to the pre key's kusabi-ID.</summary>
    public static byte[] HpkeInfo(KusabiId preId) => Concat(HpkeInfoLabel, preId.ToArray());

    /// <summary>Step 2 plaintext: session ID (16) ‖ session key (32).</summary>
    public static byte[] SessionGrant(ReadOnlySpan<byte> sessionId, ReadOnlySpan<byte> sessionKey) => Concat(sessionId, sessionKey);

    public static (byte[] SessionId, byte[] SessionKey) ParseSessionGrant(ReadOnlySpan<byte> grant)
    {
        if (grant.Length != SessionIdSize + SessionCipher.KeySize) throw new CryptoOpenException("The session grant has the wrong length.");
        return (grant[..SessionIdSize].ToArray(), grant[SessionIdSize..].ToArray());
    }

    /// <summary>Step 3 AAD: label ‖ session ID. The plaintext is a 16-byte random request nonce.</summary>
    public static byte[] ActRequestAad(ReadOnlySpan<byte> sessionId) => Concat(ActRequestLabel, sessionId);

    /// <summary>Step 4 AAD: label ‖ session ID ‖ request nonce, so a grant answers exactly one request.</summary>
    public static byte[] ActGrantAad(ReadOnlySpan<byte> sessionId, ReadOnlySpan<byte> requestNonce) =>
        Concat(ActGrantLabel, sessionId, requestNonce);

    /// <summary>Step 4 plaintext: act kusabi-ID (32) ‖ Ed25519 private seed (32).</summary>
    public static byte[] ActGrant(KusabiId actId, ReadOnlySpan<byte> actSeed) => Concat(actId.ToArray(), actSeed);

    public static (KusabiId ActId, byte[] ActSeed) ParseActGrant(ReadOnlySpan<byte> grant)
    {
        if (grant.Length != KusabiId.Size + Ed25519KeyPair.PrivateSeedSize) throw new CryptoOpenException("The act grant has the wrong length.");
        return (new KusabiId(grant[..KusabiId.Size]), grant[KusabiId.Size..].ToArray());
    }

    /// <summary>Step 5 signed message: label ‖ session ID ‖ pre ID ‖ act ID ‖ act public key.</summary>
    public static byte[] ConfirmTranscript(ReadOnlySpan<byte> sessionId, KusabiId preId, KusabiId actId, ReadOnlySpan<byte> actPublicKey) =>
        [.. ConfirmLabel, .. sessionId, .. preId.ToArray(), .. actId.ToArray(), .. actPublicKey];

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => [.. a, .. b];

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) => [.. a, .. b, .. c];
}
