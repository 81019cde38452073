using NSec.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// An Ed25519 signing key held in NSec (libsodium) memory. The private key travels as its raw
/// 32-byte seed (RFC 8032), from which the public key is rederived on import.
/// </summary>
public sealed class Ed25519KeyPair : IDisposable
{
    public const int PublicKeySize = 32;
    public const int PrivateSeedSize = 32;
    public const int SignatureSize = 64;

    // Raw private-key export is how keys are persisted and moved, so it must be allowed at creation.
    private static KeyCreationParameters ExportableKey => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private readonly Key _key;
    private readonly byte[] _publicKey;

    private Ed25519KeyPair(Key key)
    {
        _key = key;
        _publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The raw 32-byte public key.</summary>
    public ReadOnlySpan<byte> PublicKey => _publicKey;

    public static Ed25519KeyPair Generate() => new(Key.Create(SignatureAlgorithm.Ed25519, ExportableKey));

    /// <summary>Rebuilds a key pair from a raw 32-byte seed (as returned by <see cref="ExportPrivateSeed"/>).</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public static Ed25519KeyPair Import(ReadOnlySpan<byte> privateSeed)
    {
        if (privateSeed.Length != PrivateSeedSize
            || !Key.TryImport(SignatureAlgorithm.Ed25519, privateSeed, KeyBlobFormat.RawPrivateKey, out var key, ExportableKey)
            || key is null)
        {
            throw new ArgumentException(
                $"An Ed25519 private seed must be {PrivateSeedSize} bytes; got {privateSeed.Length}.", nameof(privateSeed));
        }

        return new Ed25519KeyPair(key);
    }

    /// <summary>The raw 32-byte seed. The caller owns (and should wipe) the returned copy.</summary>
    public byte[] ExportPrivateSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>A 64-byte Ed25519 signature (deterministic for a given key and message).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    public void Dispose() => _key.Dispose();
}
