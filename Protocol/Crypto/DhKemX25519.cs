using System.Security.Cryptography;
using Kusabi.Protocol.Internal;
using NSec.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// DHKEM(X25519, HKDF-SHA256), kem_id 0x0020 (RFC 9180 §4.1). Turns an X25519 exchange with a
/// fresh ephemeral key into a 32-byte shared secret bound to both public keys.
/// </summary>
public static class DhKemX25519
{
    public const ushort KemId = HpkeSuiteId.KemId;
    public const int SharedSecretSize = 32; // Nsecret
    public const int EncapsulatedKeySize = 32; // Nenc

    private static readonly byte[] _suiteId = HpkeSuiteId.Kem();

    /// <summary>
    /// DeriveKeyPair for X25519 (RFC 9180 §7.1.3): the private key is LabeledExpand of the input
    /// keying material. Deterministic, which is what lets the RFC vectors be reproduced.
    /// </summary>
    public static X25519KeyPair DeriveKeyPair(ReadOnlySpan<byte> inputKeyingMaterial)
    {
        if (inputKeyingMaterial.Length < X25519KeyPair.PrivateKeySize)
        {
            throw new ArgumentException("DeriveKeyPair needs at least 32 bytes of input keying material.", nameof(inputKeyingMaterial));
        }

        var prk = HpkeLabeledKdf.LabeledExtract(_suiteId, [], "dkp_prk"u8, inputKeyingMaterial);
        var privateKey = HpkeLabeledKdf.LabeledExpand(_suiteId, prk, "sk"u8, [], X25519KeyPair.PrivateKeySize);
        try
        {
            return X25519KeyPair.Import(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Encapsulates to <paramref name="recipientPublicKey"/> with a fresh ephemeral key.</summary>
    public static KemEncapsulation Encap(ReadOnlySpan<byte> recipientPublicKey)
    {
        using var ephemeral = X25519KeyPair.Generate();
        return Encap(recipientPublicKey, ephemeral);
    }

    /// <summary>Deterministic Encap with a caller-chosen ephemeral key: for test vectors only.</summary>
    internal static KemEncapsulation Encap(ReadOnlySpan<byte> recipientPublicKey, X25519KeyPair ephemeral)
    {
        var recipient = ImportPublicKey(recipientPublicKey)
            ?? throw new ArgumentException("The recipient public key must be 32 bytes.", nameof(recipientPublicKey));
        var dh = Agree(ephemeral.Key, recipient)
            ?? throw new CryptographicException("The recipient public key is a low-order point; refusing to encapsulate.");

        var enc = ephemeral.PublicKey.ToArray();
        var sharedSecret = ExtractAndExpand(dh, KemContext(enc, recipientPublicKey));
        CryptographicOperations.ZeroMemory(dh);
        return new KemEncapsulation(sharedSecret, enc);
    }

    /// <summary>Recovers the shared secret from <paramref name="encapsulatedKey"/>.</summary>
    /// <exception cref="CryptoOpenException">The enc is malformed or a low-order point.</exception>
    public static byte[] Decap(ReadOnlySpan<byte> encapsulatedKey, X25519KeyPair recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var ephemeral = ImportPublicKey(encapsulatedKey)
            ?? throw new CryptoOpenException($"The encapsulated key must be {EncapsulatedKeySize} bytes; got {encapsulatedKey.Length}.");
        var dh = Agree(recipient.Key, ephemeral)
            ?? throw new CryptoOpenException("The encapsulated key is a low-order point.");

        var sharedSecret = ExtractAndExpand(dh, KemContext(encapsulatedKey, recipient.PublicKey));
        CryptographicOperations.ZeroMemory(dh);
        return sharedSecret;
    }

    /// <summary>ExtractAndExpand (RFC 9180 §4.1): binds the DH output to enc || pkR.</summary>
    internal static byte[] ExtractAndExpand(ReadOnlySpan<byte> dh, ReadOnlySpan<byte> kemContext)
    {
        var prk = HpkeLabeledKdf.LabeledExtract(_suiteId, [], "eae_prk"u8, dh);
        var sharedSecret = HpkeLabeledKdf.LabeledExpand(_suiteId, prk, "shared_secret"u8, kemContext, SharedSecretSize);
        CryptographicOperations.ZeroMemory(prk);
        return sharedSecret;
    }

    private static byte[] KemContext(ReadOnlySpan<byte> enc, ReadOnlySpan<byte> recipientPublicKey)
    {
        var context = new byte[enc.Length + recipientPublicKey.Length];
        var writer = new SpanWriter(context);
        writer.Write(enc);
        writer.Write(recipientPublicKey);
        return context;
    }

    private static NSec.Cryptography.PublicKey? ImportPublicKey(ReadOnlySpan<byte> raw) =>
        raw.Length == X25519KeyPair.PublicKeySize
            && NSec.Cryptography.PublicKey.TryImport(KeyAgreementAlgorithm.X25519, raw, KeyBlobFormat.RawPublicKey, out var key)
            ? key
            : null;

    /// <summary>The raw X25519 output, or null when it is all zero (RFC 9180 §7.1.4 requires failing then).</summary>
    private static byte[]? Agree(Key privateKey, NSec.Cryptography.PublicKey publicKey)
    {
        SharedSecret? secret;
        try
        {
            secret = KeyAgreementAlgorithm.X25519.Agree(
                privateKey,
                publicKey,
                new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        }
        catch (CryptographicException)
        {
            return null; // libsodium rejects the all-zero output of a low-order point.
        }

        if (secret is null)
        {
            return null;
        }

        using (secret)
        {
            var raw = secret.Export(SharedSecretBlobFormat.RawSharedSecret);
            return raw.AsSpan().IndexOfAnyExcept((byte)0) < 0 ? null : raw;
        }
    }
}
