using System.Security.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// RFC 9180 HPKE in base mode with DHKEM(X25519, HKDF-SHA256) and HKDF-SHA256; the AEAD is chosen
/// per call. Base mode authenticates nothing about the sender: pair it with a signature where the
/// sender's identity matters.
/// </summary>
public static class Hpke
{
    /// <summary>SetupBaseS: encapsulates to the recipient and returns a context for sealing.</summary>
    public static HpkeSenderContext SetupBaseSender(HpkeAead aead, ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> info)
    {
        var encapsulation = DhKemX25519.Encap(recipientPublicKey);
        return CreateSender(aead, encapsulation, info);
    }

    /// <summary>SetupBaseS with a given ephemeral key. Reusing an ephemeral key breaks HPKE: tests only.</summary>
    internal static HpkeSenderContext SetupBaseSender(
        HpkeAead aead,
        ReadOnlySpan<byte> recipientPublicKey,
        ReadOnlySpan<byte> info,
        X25519KeyPair ephemeral)
    {
        var encapsulation = DhKemX25519.Encap(recipientPublicKey, ephemeral);
        return CreateSender(aead, encapsulation, info);
    }

    /// <summary>SetupBaseR: decapsulates <paramref name="encapsulatedKey"/> and returns a context for opening.</summary>
    /// <exception cref="CryptoOpenException">The enc is malformed.</exception>
    public static HpkeRecipientContext SetupBaseRecipient(
        HpkeAead aead,
        ReadOnlySpan<byte> encapsulatedKey,
        X25519KeyPair recipient,
        ReadOnlySpan<byte> info)
    {
        var sharedSecret = DhKemX25519.Decap(encapsulatedKey, recipient);
        try
        {
            return new HpkeRecipientContext(aead, HpkeKeySchedule.Base(aead, sharedSecret, info));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sharedSecret);
        }
    }

    /// <summary>Single-shot seal: a fresh context that seals exactly one message.</summary>
    public static HpkeSealedMessage SealBase(
        HpkeAead aead,
        ReadOnlySpan<byte> recipientPublicKey,
        ReadOnlySpan<byte> info,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext)
    {
        using var sender = SetupBaseSender(aead, recipientPublicKey, info);
        var ciphertext = sender.Seal(associatedData, plaintext);
        return new HpkeSealedMessage(sender.EncapsulatedKey.ToArray(), ciphertext);
    }

    /// <summary>Single-shot open of a message produced by <see cref="SealBase"/>.</summary>
    /// <exception cref="CryptoOpenException">The message does not authenticate for this key, info and AAD.</exception>
    public static byte[] OpenBase(
        HpkeAead aead,
        ReadOnlySpan<byte> encapsulatedKey,
        X25519KeyPair recipient,
        ReadOnlySpan<byte> info,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertext)
    {
        using var context = SetupBaseRecipient(aead, encapsulatedKey, recipient, info);
        return context.Open(associatedData, ciphertext);
    }

    private static HpkeSenderContext CreateSender(HpkeAead aead, KemEncapsulation encapsulation, ReadOnlySpan<byte> info)
    {
        try
        {
            var keyMaterial = HpkeKeySchedule.Base(aead, encapsulation.SharedSecret, info);
            return new HpkeSenderContext(aead, keyMaterial, encapsulation.EncapsulatedKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encapsulation.SharedSecret);
        }
    }
}
