using NSec.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>Signing and verification with raw Ed25519 keys, for callers that store keys as bytes.</summary>
public static class Ed25519Signer
{
    /// <summary>Signs with a raw 32-byte seed without keeping the key around.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> privateSeed, ReadOnlySpan<byte> message)
    {
        using var keyPair = Ed25519KeyPair.Import(privateSeed);
        return keyPair.Sign(message);
    }

    /// <summary>
    /// True only for a valid signature. Malformed input (wrong lengths, an undecodable public key)
    /// returns false rather than throwing, because keys and signatures here usually come off the wire.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519KeyPair.PublicKeySize || signature.Length != Ed25519KeyPair.SignatureSize)
        {
            return false;
        }

        return PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key)
            && key is not null
            && SignatureAlgorithm.Ed25519.Verify(key, message, signature);
    }
}
