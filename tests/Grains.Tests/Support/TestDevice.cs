using System.Security.Cryptography;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;

namespace Kusabi.Grains.Tests.Support;

/// <summary>The device side of activation, played with the Protocol library.</summary>
public sealed class TestDevice : IDisposable
{
    public TestDevice() => PreId = KusabiId.Create(KeyPurpose.Pre, PreKey.PublicKey);

    public X25519KeyPair PreKey { get; } = X25519KeyPair.Generate();
    public KusabiId PreId { get; }
    public string PreIdText => PreId.ToString();
    public byte[] SessionId { get; private set; } = [];
    public byte[] SessionKey { get; private set; } = [];
    public byte[] LastNonce { get; private set; } = [];
    public KusabiId ActId { get; private set; }
    public byte[] ActSeed { get; private set; } = [];

    /// <summary>Every session key and act seed this device ever received, for leak checks.</summary>
    public List<byte[]> Secrets { get; } = [];

    public PreKeySnapshot Snapshot(bool consumed) => new(PreIdText, PreKey.PublicKey.ToArray(), consumed);

    /// <summary>Step 2 on the device: opens the session grant with the pre private key.</summary>
    public void AcceptOffer(SessionOffer offer)
    {
        var grant = OpenOffer(offer, PreKey, PreId);
        (SessionId, SessionKey) = ActivationCrypto.ParseSessionGrant(grant);
        Secrets.Add(SessionKey);
    }

    public static byte[] OpenOffer(SessionOffer offer, X25519KeyPair key, KusabiId preId) =>
        Hpke.OpenBase(ActivationCrypto.Aead, offer.Enc, key, ActivationCrypto.HpkeInfo(preId), [], offer.Sealed);

    /// <summary>Step 3: a sealed request holding a fresh (or given) nonce.</summary>
    public byte[] SealRequest(byte[]? nonce = null, byte[]? key = null, byte[]? sessionId = null)
    {
        LastNonce = nonce ?? RandomNumberGenerator.GetBytes(ActivationCrypto.RequestNonceSize);
        return SessionCipher.Seal(key ?? SessionKey, LastNonce, ActivationCrypto.ActRequestAad(sessionId ?? SessionId));
    }

    /// <summary>Step 4 on the device: opens the act grant answering the last request.</summary>
    public void AcceptGrant(byte[] sealedGrant)
    {
        var grant = SessionCipher.Open(SessionKey, sealedGrant, ActivationCrypto.ActGrantAad(SessionId, LastNonce));
        (ActId, ActSeed) = ActivationCrypto.ParseActGrant(grant);
        Secrets.Add(ActSeed);
    }

    public byte[] ActPublicKey()
    {
        using var act = Ed25519KeyPair.Import(ActSeed);
        return act.PublicKey.ToArray();
    }

    /// <summary>Step 5: the act key's signature over the confirm transcript.</summary>
    public byte[] SignConfirm(byte[]? sessionId = null) =>
        Ed25519Signer.Sign(ActSeed, ActivationCrypto.ConfirmTranscript(sessionId ?? SessionId, PreId, ActId, ActPublicKey()));

    public void Dispose() => PreKey.Dispose();
}
