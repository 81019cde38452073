using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kusabi.Operator.Files;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.Operator;

/// <summary>
/// Art key files: JSON <c>{"id","publicKey","privateKey"}</c>, created owner-only (0600) and never
/// overwritten (losing a registered signing key is not undoable). Like ssh, loading refuses a file
/// that group or others may read.
/// </summary>
public static class ArtKeyFile
{
    public const int MaxFileBytes = 16 * 1024;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Generates a key and writes it to <paramref name="path"/>, which must not exist.</summary>
    public static ArtKey Create(string path)
    {
        var key = ArtKey.Generate();
        Save(key, path);
        return key;
    }

    /// <exception cref="KeyFileException">The file exists already or cannot be written.</exception>
    public static void Save(ArtKey key, string path)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.FindProblem() is { } problem) throw new KeyFileException(path, $"refusing to write an invalid key: {problem}");
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new KeyFileException(path, "the file exists already; an art key file is never overwritten.");
        OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(full)!);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Document(key.Id.ToString(), Base64Url.Encode(key.PublicKey), Base64Url.Encode(key.PrivateKey)), s_json);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFiles.FileMode;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: false);
        }
        catch (IOException e)
        {
            throw new KeyFileException(path, $"the file cannot be written: {e.Message}", e);
        }
        finally
        {
            File.Delete(temp);
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <exception cref="KeyFileException">Missing, readable by others, unreadable, or invalid.</exception>
    public static ArtKey Load(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new KeyFileException(path, "the file does not exist.");
            if (info.Length > MaxFileBytes) throw new KeyFileException(path, $"the file is {info.Length} bytes; an art key file is at most {MaxFileBytes}.");
            if (!OperatingSystem.IsWindows() && (info.UnixFileMode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) != 0)
                throw new KeyFileException(path, $"group or others may access it (mode {Convert.ToString((int)info.UnixFileMode, 8)}); run 'chmod 600 {path}'.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(path, $"the file cannot be read: {e.Message}", e);
        }
        try
        {
            var d = JsonSerializer.Deserialize<Document>(bytes, s_json) ?? throw new KeyFileException(path, "the document is 'null'.");
            if (!KusabiId.TryParse(d.Id, out var id)) throw new KeyFileException(path, $"'id' must be {KusabiId.HexLength} hexadecimal characters.");
            if (!Base64Url.TryDecode(d.PublicKey ?? "", out var publicKey)) throw new KeyFileException(path, "'publicKey' is not unpadded base64url.");
            // Never echo the private key text, even malformed.
            if (!Base64Url.TryDecode(d.PrivateKey ?? "", out var privateKey)) throw new KeyFileException(path, "'privateKey' is not unpadded base64url.");
            var key = new ArtKey(id, publicKey, privateKey);
            return key.FindProblem() is { } problem ? throw new KeyFileException(path, problem) : key;
        }
        catch (JsonException e)
        {
            throw new KeyFileException(path, $"not a valid art key document: {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private sealed record Document(string? Id, string? PublicKey, string? PrivateKey);
}

/// <summary>A key file is missing, unreadable, exposed or invalid. Never carries key material.</summary>
public sealed class KeyFileException(string path, string problem, Exception? innerException = null)
    : Exception($"Key file '{path}': {problem}", innerException)
{
    public string Path { get; } = path;
}
