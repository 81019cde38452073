using System.Security.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// A ciphertext could not be opened: it was tampered with, truncated, bound to other associated
/// data, or sealed for another key. The cases are deliberately not distinguished (telling them
/// apart helps an attacker), and no partial plaintext is ever returned.
/// </summary>
public sealed class CryptoOpenException : CryptographicException
{
    public CryptoOpenException()
        : base("The ciphertext could not be authenticated and was not opened.")
    {
    }

    public CryptoOpenException(string message)
        : base(message)
    {
    }

    public CryptoOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
