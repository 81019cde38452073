using System.Buffers;
using System.Security.Cryptography;
using Kusabi.Protocol.Encoding;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// Streams an artifact into a sink with a hard bound: exactly the manifest's size, hashed on the way.
/// More bytes than promised is refused as soon as the first extra byte arrives; fewer is a truncated
/// artifact; a different SHA-256 is a tampered one. The sink gets at most the promised size.
/// </summary>
public static class ArtifactDownload
{
    private const int BufferSize = 81920;

    /// <returns>The verified SHA-256 (lower-case hex).</returns>
    /// <exception cref="UpdateRefusedException">Oversized, truncated or wrong hash.</exception>
    /// <exception cref="IOException">The connection broke mid-stream (not a refusal: try again later).</exception>
    public static async Task<string> CopyVerifiedAsync(HttpContent content, Stream sink, long expectedSize, string expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedSize);
        if (content.Headers.ContentLength is { } announced && announced != expectedSize)
        {
            throw new UpdateRefusedException(
                announced > expectedSize ? UpdateRefusals.ArtifactOversized : UpdateRefusals.ArtifactTruncated,
                $"the server announces {announced} bytes; the manifest promises {expectedSize}.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            while (true)
            {
                // Ask for at most one byte past the bound: enough to see an oversized stream without reading it.
                var wanted = (int)Math.Min(BufferSize, expectedSize - total + 1);
                var read = await stream.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0) break;
                if (total + read > expectedSize)
                    throw new UpdateRefusedException(UpdateRefusals.ArtifactOversized, $"the artifact stream goes on past the manifest's {expectedSize} bytes.");
                total += read;
                hash.AppendData(buffer, 0, read);
                await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (total < expectedSize)
            throw new UpdateRefusedException(UpdateRefusals.ArtifactTruncated, $"the artifact stream ended after {total} of the manifest's {expectedSize} bytes.");
        var sha = Hex.Encode(hash.GetHashAndReset());
        return string.Equals(sha, expectedSha256, StringComparison.OrdinalIgnoreCase)
            ? sha
            : throw new UpdateRefusedException(UpdateRefusals.ArtifactHashMismatch, $"the artifact hashes to {sha}; the manifest promises {expectedSha256.ToLowerInvariant()}.");
    }
}
