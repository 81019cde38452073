using System.Security.Cryptography;
using System.Text.Json;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;

namespace Kusabi.Protocol.Updates;

/// <summary>Signing, verifying and anchoring identities of releases (docs/update.md).</summary>
public static class ReleaseSigning
{
    public static readonly byte[] SignatureLabel = "kusabi/release/v1"u8.ToArray();
    public static readonly byte[] ProductLabel = "kusabi/product/v1"u8.ToArray();
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Largest manifest accepted anywhere; a manifest is a few hundred bytes.</summary>
    public const int MaxManifestBytes = 16 * 1024;

    public static SignedRelease Sign(ReleaseManifest manifest, Ed25519KeyPair artKey)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        return new SignedRelease(Base64Url.Encode(bytes), Base64Url.Encode(artKey.Sign([.. SignatureLabel, .. bytes])));
    }

    public static bool Verify(ReadOnlySpan<byte> artPublicKey, ReadOnlySpan<byte> manifestBytes, ReadOnlySpan<byte> signature) =>
        Ed25519Signer.Verify(artPublicKey, [.. SignatureLabel, .. manifestBytes], signature);

    /// <summary>The manifest hash anchored on chain: SHA-256 of the exact manifest bytes.</summary>
    public static byte[] ManifestHash(ReadOnlySpan<byte> manifestBytes) => SHA256.HashData(manifestBytes);

    /// <summary>The product's bytes32 on chain: SHA-256("kusabi/product/v1" ‖ UTF-8 name).</summary>
    public static byte[] ProductKey(string product) => SHA256.HashData([.. ProductLabel, .. System.Text.Encoding.UTF8.GetBytes(product)]);

    /// <summary>Decodes and parses a signed release's manifest; throws FormatException with the reason.</summary>
    public static (ReleaseManifest Manifest, byte[] Bytes, byte[] Signature) Open(SignedRelease release)
    {
        if (!Base64Url.TryDecode(release.Manifest, out var bytes) || bytes!.Length is 0 or > MaxManifestBytes)
            throw new FormatException($"'manifest' must be base64url of 1–{MaxManifestBytes} bytes.");
        if (!Base64Url.TryDecode(release.Signature, out var signature) || signature!.Length != Ed25519KeyPair.SignatureSize)
            throw new FormatException("'signature' must be a 64-byte Ed25519 signature in base64url.");
        ReleaseManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ReleaseManifest>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The manifest is not valid JSON: {e.Message}");
        }
        if (manifest is null || string.IsNullOrWhiteSpace(manifest.Product) || manifest.Version == 0
            || manifest.ArtifactSha256 is not { Length: 64 } || manifest.ArtifactSize <= 0 || manifest.ExpectedInventory is null
            || string.IsNullOrWhiteSpace(manifest.ArtId))
            throw new FormatException("The manifest needs product, version > 0, artifactSha256 (64 hex), artifactSize > 0, expectedInventory and artId.");
        return (manifest, bytes, signature);
    }
}
