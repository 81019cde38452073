using NSec.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// An X25519 key pair held in NSec (libsodium) memory. Keys travel as raw 32-byte strings,
/// the encoding HPKE and the key registry use, so export and import are raw as well.
/// </summary>
public sealed class X25519KeyPair : IDisposable
{
    public const int PublicKeySize = 32;
    public const int PrivateKeySize = 32;

    // Raw private-key export is how keys are persisted and moved, so it must be allowed at creation.
    private static KeyCreationParameters ExportableKey => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private readonly byte[] _publicKey;

    private X25519KeyPair(Key key)
    {
        Key = key;
        _publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The raw 32-byte public key (u-coordinate).</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    internal Key Key { get; }

    public static X25519KeyPair Generate() => new(NSec.Cryptography.Key.Create(KeyAgreementAlgorithm.X25519, ExportableKey));

    /// <summary>Rebuilds a key pair from a raw 32-byte private key (as returned by <see cref="ExportPrivateKey"/>).</summary>
    /// <exception cref="ArgumentException">The private key is not 32 bytes.</exception>
    public static X25519KeyPair Import(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != PrivateKeySize
            || !NSec.Cryptography.Key.TryImport(
                KeyAgreementAlgorithm.X25519, privateKey, KeyBlobFormat.RawPrivateKey, out var key, ExportableKey)
            || key is null)
        {
            throw new ArgumentException(
                $"An X25519 private key must be {PrivateKeySize} bytes; got {privateKey.Length}.", nameof(privateKey));
        }

        return new X25519KeyPair(key);
    }

    /// <summary>The raw 32-byte private key. The caller owns (and should wipe) the returned copy.</summary>
    public byte[] ExportPrivateKey() => Key.Export(KeyBlobFormat.RawPrivateKey);

    public void Dispose() => Key.Dispose();
}
