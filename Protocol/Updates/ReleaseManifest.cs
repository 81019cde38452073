namespace Kusabi.Protocol.Updates;

/// <summary>
/// What a release promises: the target, a version that only ever increases per product, the
/// artifact's SHA-256 and size, the inventory a device must report after installing it, and the art
/// key that signed it. Signed and anchored as the exact UTF-8 JSON bytes the signer produced.
/// </summary>
public sealed record ReleaseManifest(
    string Product,
    string Hardware,
    ulong Version,
    string ArtifactSha256,
    long ArtifactSize,
    IReadOnlyDictionary<string, string> ExpectedInventory,
    string ArtId);

/// <summary>A release as uploaded and delivered: manifest bytes and art-key signature, both base64url.</summary>
public sealed record SignedRelease(string Manifest, string Signature);
