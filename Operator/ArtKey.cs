using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;

namespace Kusabi.Operator;

/// <summary>
/// A release-signing (art) key: its kusabi-ID (purpose Art), the Ed25519 public key registered on
/// chain, and the private seed, which stays in its owner-only file (<see cref="ArtKeyFile"/>).
/// </summary>
public sealed record ArtKey(KusabiId Id, byte[] PublicKey, byte[] PrivateKey)
{
    public static ArtKey Generate()
    {
        using var pair = Ed25519KeyPair.Generate();
        var publicKey = pair.PublicKey.ToArray();
        return new ArtKey(KusabiId.Create(KeyPurpose.Art, publicKey), publicKey, pair.ExportPrivateSeed());
    }

    /// <summary>The signing key; the caller disposes it.</summary>
    public Ed25519KeyPair OpenKeyPair() => Ed25519KeyPair.Import(PrivateKey);

    /// <summary>Null when the halves belong together, otherwise what is wrong (never a key's value).</summary>
    public string? FindProblem()
    {
        if (Id == default) return "'id' is all zeros, which is never a valid kusabi-ID.";
        if (PublicKey.Length != Ed25519KeyPair.PublicKeySize) return $"'publicKey' must be {Ed25519KeyPair.PublicKeySize} bytes; got {PublicKey.Length}.";
        if (PrivateKey.Length != Ed25519KeyPair.PrivateSeedSize) return $"'privateKey' must be {Ed25519KeyPair.PrivateSeedSize} bytes; got {PrivateKey.Length}.";
        using var pair = OpenKeyPair();
        return pair.PublicKey.SequenceEqual(PublicKey) ? null : "'privateKey' does not belong to 'publicKey'.";
    }

    // Records print every property; this one holds a private key.
    public override string ToString() => $"ArtKey {Id}";
}
