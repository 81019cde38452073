using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Kusabi.Client;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Updates;

namespace Kusabi.Operator;

/// <summary>An artifact's identity: SHA-256 (lower-case hex) and size in bytes.</summary>
public sealed record ArtifactDigest(string Sha256, long Size)
{
    public static ArtifactDigest Of(ReadOnlySpan<byte> artifact) => new(Hex.Encode(SHA256.HashData(artifact)), artifact.Length);

    /// <summary>Hashes a file as a stream, so artifacts of any size fit.</summary>
    public static async Task<ArtifactDigest> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new ArtifactDigest(Hex.Encode(hash), stream.Length);
    }
}

/// <summary>
/// Builds and signs release manifests (the signer's side of docs/update.md). The expected inventory
/// is always the firmware's product, version and artifact hash, plus any extra items the signer
/// names; an extra item may not contradict those three.
/// </summary>
public static class ReleaseBuilder
{
    /// <exception cref="ArgumentException">An extra item contradicts a default one, or an argument is out of range.</exception>
    public static SignedRelease Sign(
        ArtKey artKey, string product, string hardware, ulong version, ArtifactDigest artifact, IReadOnlyDictionary<string, string>? extraInventory = null)
    {
        ArgumentNullException.ThrowIfNull(artKey);
        ArgumentNullException.ThrowIfNull(artifact);
        var manifest = Manifest(artKey, product, hardware, version, artifact, extraInventory);
        using var key = artKey.OpenKeyPair();
        return ReleaseSigning.Sign(manifest, key);
    }

    public static ReleaseManifest Manifest(
        ArtKey artKey, string product, string hardware, ulong version, ArtifactDigest artifact, IReadOnlyDictionary<string, string>? extraInventory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(product);
        ArgumentException.ThrowIfNullOrWhiteSpace(hardware);
        ArgumentOutOfRangeException.ThrowIfZero(version);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(artifact.Size);
        var inventory = ExpectedInventory(product, version, artifact.Sha256, extraInventory);
        return new ReleaseManifest(product, hardware, version, artifact.Sha256, artifact.Size, inventory, artKey.Id.ToString());
    }

    /// <summary>The defaults merged with <paramref name="extra"/>, sorted by name so the manifest bytes are reproducible.</summary>
    public static IReadOnlyDictionary<string, string> ExpectedInventory(string product, ulong version, string artifactSha256, IReadOnlyDictionary<string, string>? extra)
    {
        var items = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [InventoryItems.FirmwareProduct] = product,
            [InventoryItems.FirmwareVersion] = version.ToString(CultureInfo.InvariantCulture),
            [InventoryItems.FirmwareSha256] = artifactSha256,
        };
        foreach (var (item, value) in extra ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(item)) throw new ArgumentException("An expected inventory item needs a name.", nameof(extra));
            if (items.TryGetValue(item, out var given) && given != value)
                throw new ArgumentException($"The expected inventory item '{item}' is '{given}' for this release; the inventory file says '{value}'.", nameof(extra));
            items[item] = value;
        }
        return items;
    }

    /// <summary>Reads an inventory file: one JSON object of string values.</summary>
    /// <exception cref="FormatException">Not such an object.</exception>
    public static IReadOnlyDictionary<string, string> ReadInventory(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json, KusabiJson.Options)
                ?? throw new FormatException("The inventory file is 'null'; expected an object such as {\"bootloader.version\": \"3\"}.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The inventory file must be one JSON object of string values: {e.Message}", e);
        }
    }

    public static byte[] Serialize(SignedRelease release) => JsonSerializer.SerializeToUtf8Bytes(release, new JsonSerializerOptions(KusabiJson.Options) { WriteIndented = true });

    /// <exception cref="FormatException">Not a signed release, or its manifest does not open.</exception>
    public static (SignedRelease Release, ReleaseManifest Manifest) Parse(ReadOnlySpan<byte> json)
    {
        SignedRelease? release;
        try
        {
            release = JsonSerializer.Deserialize<SignedRelease>(json, KusabiJson.Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not a signed release document ({{\"manifest\",\"signature\"}}): {e.Message}", e);
        }
        if (release?.Manifest is null || release.Signature is null) throw new FormatException("A signed release needs 'manifest' and 'signature'.");
        return (release, ReleaseSigning.Open(release).Manifest);
    }
}
