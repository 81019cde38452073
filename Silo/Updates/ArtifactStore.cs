using System.Security.Cryptography;
using Kusabi.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Kusabi.Silo.Updates;

/// <summary>
/// Firmware artifacts, content-addressed by SHA-256 in a directory (a shared volume when several
/// silos serve downloads). An upload is hashed while it streams to a temporary file and only renamed
/// into place when its hash matches, so a torn or forged upload never becomes visible.
/// </summary>
public sealed class ArtifactStore(IOptions<KusabiOptions> options)
{
    private readonly string _directory = Path.Combine(options.Value.DataDirectory, "artifacts");

    public long MaxArtifactBytes => options.Value.MaxArtifactBytes;

    public enum StoreResult
    {
        Stored,
        AlreadyStored,
        HashMismatch,
        TooLarge,
    }

    public bool TryGet(string sha256, out FileInfo file)
    {
        file = new FileInfo(PathOf(sha256));
        return file.Exists;
    }

    public async Task<StoreResult> StoreAsync(string sha256, Stream content, CancellationToken cancellationToken)
    {
        if (TryGet(sha256, out _)) return StoreResult.AlreadyStored;
        Directory.CreateDirectory(_directory);
        var temporary = Path.Combine(_directory, $".upload-{Guid.NewGuid():N}");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = File.Create(temporary))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > MaxArtifactBytes) return StoreResult.TooLarge;
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), sha256, StringComparison.Ordinal)) return StoreResult.HashMismatch;
            File.Move(temporary, PathOf(sha256), overwrite: true);
            return StoreResult.Stored;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private string PathOf(string sha256) => Path.Combine(_directory, sha256.ToLowerInvariant());

    public static bool IsSha256(string? text) => text is { Length: 64 } && text.All(Uri.IsHexDigit);
}
