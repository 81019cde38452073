using System.Security.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// AES-256-GCM under a 32-byte session key, for messages after the HPKE handshake. Each message
/// carries its own random 12-byte nonce (nonce || ciphertext || tag), so no counter has to be kept
/// in step between the parties; with random nonces a key must stay well below 2^32 messages.
/// </summary>
public static class SessionCipher
{
    public const int KeySize = 32;
    public const int NonceSize = AeadCipher.NonceSize;
    public const int TagSize = AeadCipher.TagSize;

    /// <summary>Bytes added to every plaintext: nonce plus tag.</summary>
    public const int Overhead = NonceSize + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        RequireKey(sessionKey);
        var output = new byte[Overhead + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        var ciphertext = output.AsSpan(NonceSize, plaintext.Length);
        var tag = output.AsSpan(NonceSize + plaintext.Length, TagSize);

        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(sessionKey, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        return output;
    }

    /// <exception cref="CryptoOpenException">The input is too short, tampered with, or bound to other AAD or another key.</exception>
    public static byte[] Open(ReadOnlySpan<byte> sessionKey, ReadOnlySpan<byte> sealedMessage, ReadOnlySpan<byte> associatedData)
    {
        RequireKey(sessionKey);
        if (sealedMessage.Length < Overhead)
        {
            throw new CryptoOpenException(
                $"A sealed session message is at least {Overhead} bytes (nonce and tag); got {sealedMessage.Length}.");
        }

        var ciphertextLength = sealedMessage.Length - Overhead;
        var nonce = sealedMessage[..NonceSize];
        var ciphertext = sealedMessage.Slice(NonceSize, ciphertextLength);
        var tag = sealedMessage[(NonceSize + ciphertextLength)..];

        var plaintext = new byte[ciphertextLength];
        using var aes = new AesGcm(sessionKey, TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptoOpenException("The session message could not be authenticated and was not opened.", ex);
        }

        return plaintext;
    }

    private static void RequireKey(ReadOnlySpan<byte> sessionKey)
    {
        if (sessionKey.Length != KeySize)
        {
            throw new ArgumentException($"A session key must be {KeySize} bytes; got {sessionKey.Length}.", nameof(sessionKey));
        }
    }
}
