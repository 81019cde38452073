using System.Security.Cryptography;
using NSec.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// One-shot AEAD seal/open for the HPKE AEADs. AES-GCM comes from the BCL because NSec has no
/// AES-128-GCM; ChaCha20-Poly1305 comes from NSec because its libsodium is always bundled, while
/// the BCL variant depends on the platform's crypto library. Output is ciphertext || tag.
/// </summary>
internal static class AeadCipher
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static int KeySize(HpkeAead aead) => aead switch
    {
        HpkeAead.Aes128Gcm => 16,
        HpkeAead.Aes256Gcm => 32,
        HpkeAead.ChaCha20Poly1305 => 32,
        _ => throw new ArgumentOutOfRangeException(nameof(aead), aead, "Unsupported HPKE AEAD id."),
    };

    public static byte[] Seal(
        HpkeAead aead,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> plaintext)
    {
        RequireKeyAndNonce(aead, key, nonce);
        if (aead == HpkeAead.ChaCha20Poly1305)
        {
            using var chachaKey = ImportChaChaKey(key);
            return AeadAlgorithm.ChaCha20Poly1305.Encrypt(chachaKey, nonce, associatedData, plaintext);
        }

        var output = new byte[plaintext.Length + TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return output;
    }

    /// <exception cref="CryptoOpenException">Authentication failed or the input is too short.</exception>
    public static byte[] Open(
        HpkeAead aead,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertextAndTag)
    {
        RequireKeyAndNonce(aead, key, nonce);
        if (ciphertextAndTag.Length < TagSize)
        {
            throw new CryptoOpenException("The ciphertext is shorter than the authentication tag.");
        }

        var plaintext = new byte[ciphertextAndTag.Length - TagSize];
        var opened = aead == HpkeAead.ChaCha20Poly1305
            ? OpenChaCha(key, nonce, associatedData, ciphertextAndTag, plaintext)
            : OpenAesGcm(key, nonce, associatedData, ciphertextAndTag, plaintext);
        if (!opened)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptoOpenException();
        }

        return plaintext;
    }

    private static bool OpenAesGcm(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertextAndTag,
        Span<byte> plaintext)
    {
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertextAndTag[..plaintext.Length], ciphertextAndTag[plaintext.Length..], plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private static bool OpenChaCha(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> associatedData,
        ReadOnlySpan<byte> ciphertextAndTag,
        Span<byte> plaintext)
    {
        using var chachaKey = ImportChaChaKey(key);
        return AeadAlgorithm.ChaCha20Poly1305.Decrypt(chachaKey, nonce, associatedData, ciphertextAndTag, plaintext);
    }

    private static Key ImportChaChaKey(ReadOnlySpan<byte> key) =>
        Key.Import(AeadAlgorithm.ChaCha20Poly1305, key, KeyBlobFormat.RawSymmetricKey);

    private static void RequireKeyAndNonce(HpkeAead aead, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != KeySize(aead))
        {
            throw new ArgumentException($"{aead} needs a {KeySize(aead)}-byte key; got {key.Length} bytes.", nameof(key));
        }

        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"The nonce must be {NonceSize} bytes; got {nonce.Length}.", nameof(nonce));
        }
    }
}
