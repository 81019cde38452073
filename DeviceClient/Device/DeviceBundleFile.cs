using System.Security.Cryptography;
using System.Text.Json;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// Reads and writes bundle files. Writes are atomic (temp file + rename), so a crash leaves either
/// the old or the new bundle and never a torn key; files are owner-only because they hold a private key.
/// </summary>
public static class DeviceBundleFile
{
    /// <summary>A bundle is a few hundred bytes; anything far larger is not a bundle.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <exception cref="DeviceBundleException">The file is missing, unreadable, not JSON, or any field is invalid.</exception>
    public static DeviceBundle Load(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new DeviceBundleException(path, "the file does not exist.");
            if (info.Length > MaxFileBytes) throw new DeviceBundleException(path, $"the file is {info.Length} bytes; a bundle is at most {MaxFileBytes}.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeviceBundleException(path, $"the file cannot be read: {e.Message}", e);
        }
        return Parse(path, bytes);
    }

    /// <summary>Parses bundle JSON; <paramref name="path"/> only labels error messages.</summary>
    public static DeviceBundle Parse(string path, ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty) throw new DeviceBundleException(path, "the file is empty.");
        DeviceBundleDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<DeviceBundleDocument>(json, DeviceBundleDocument.Json);
        }
        catch (JsonException e)
        {
            // The serializer's message names the JSON path and line, not the offending value.
            throw new DeviceBundleException(path, $"not a valid bundle document: {e.Message}", e);
        }
        if (document is null) throw new DeviceBundleException(path, "the document is 'null'; expected a JSON object.");
        var bundle = FromDocument(path, document);
        return bundle.FindProblem() is { } problem ? throw new DeviceBundleException(path, problem) : bundle;
    }

    /// <summary>Writes the bundle atomically with mode 0600; a missing directory is created with mode 0700.</summary>
    public static void Save(DeviceBundle bundle, string path)
    {
        if (bundle.FindProblem() is { } problem) throw new DeviceBundleException(path, $"refusing to write an invalid bundle: {problem}");
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        CreateOwnerOnlyDirectory(directory);

        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(ToDocument(bundle), DeviceBundleDocument.Json);
        try
        {
            var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public static void CreateOwnerOnlyDirectory(string directory)
    {
        if (Directory.Exists(directory)) return; // an existing folder's mode is its owner's choice
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, DirectoryMode);
    }

    private static DeviceBundle FromDocument(string path, DeviceBundleDocument d)
    {
        var deviceRef = Required(path, d.DeviceRef, "deviceRef");
        if (!DeviceRef.TryParse(deviceRef, out var device))
            throw new DeviceBundleException(path, $"'deviceRef' must be {DeviceRef.HexLength} hexadecimal characters; got '{deviceRef}'.");
        var serverText = Required(path, d.ServerUrl, "serverUrl");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || !DeviceBundleRules.IsServerUrl(server))
            throw new DeviceBundleException(path, $"'serverUrl' must be an absolute http:// or https:// URL; got '{serverText}'.");
        return new DeviceBundle
        {
            DeviceRef = device,
            ServerUrl = server,
            ChainId = d.ChainId,
            ContractAddress = d.ContractAddress,
            PreId = OptionalId(path, d.PreId, "preId"),
            PrePrivateKey = OptionalKey(path, d.PrePrivateKey, "prePrivateKey"),
            Grant = ReadGrant(path, d),
            ActId = OptionalId(path, d.ActId, "actId"),
            ActPrivateKey = OptionalKey(path, d.ActPrivateKey, "actPrivateKey"),
        };
    }

    private static DeviceBundleDocument ToDocument(DeviceBundle b) => new()
    {
        DeviceRef = b.DeviceRef.ToString(),
        ServerUrl = b.ServerUrl.ToString(),
        ChainId = b.ChainId,
        ContractAddress = b.ContractAddress,
        PreId = b.PreId?.ToString(),
        PrePrivateKey = b.PrePrivateKey is { } pre ? Base64Url.Encode(pre) : null,
        GrantedSessionId = b.Grant is { } grant ? Base64Url.Encode(grant.SessionId) : null,
        GrantedActId = b.Grant?.ActId.ToString(),
        GrantedActPrivateKey = b.Grant is { } granted ? Base64Url.Encode(granted.ActPrivateKey) : null,
        ActId = b.ActId?.ToString(),
        ActPrivateKey = b.ActPrivateKey is { } act ? Base64Url.Encode(act) : null,
    };

    /// <summary>The three grant fields come together or not at all.</summary>
    private static ActivationGrant? ReadGrant(string path, DeviceBundleDocument d)
    {
        if (d.GrantedSessionId is null && d.GrantedActId is null && d.GrantedActPrivateKey is null) return null;
        if (d.GrantedSessionId is null || d.GrantedActId is null || d.GrantedActPrivateKey is null)
            throw new DeviceBundleException(path, "'grantedSessionId', 'grantedActId' and 'grantedActPrivateKey' must be present together or not at all.");
        if (!Base64Url.TryDecode(d.GrantedSessionId, out var sessionId))
            throw new DeviceBundleException(path, "'grantedSessionId' is not unpadded base64url (alphabet A-Z a-z 0-9 - _, no '=').");
        return new ActivationGrant(sessionId, OptionalId(path, d.GrantedActId, "grantedActId")!.Value, OptionalKey(path, d.GrantedActPrivateKey, "grantedActPrivateKey")!);
    }

    private static string Required(string path, string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new DeviceBundleException(path, $"'{name}' is missing.") : value;

    private static KusabiId? OptionalId(string path, string? value, string name)
    {
        if (value is null) return null;
        return KusabiId.TryParse(value, out var id)
            ? id
            : throw new DeviceBundleException(path, $"'{name}' must be {KusabiId.HexLength} hexadecimal characters; got '{value}'.");
    }

    private static byte[]? OptionalKey(string path, string? value, string name)
    {
        if (value is null) return null;
        // Never echo the text: even a malformed private key is mostly key material.
        if (!Base64Url.TryDecode(value, out var key))
            throw new DeviceBundleException(path, $"'{name}' is not unpadded base64url (alphabet A-Z a-z 0-9 - _, no '=').");
        return key.Length == DeviceBundleRules.PrivateKeySize
            ? key
            : throw new DeviceBundleException(path, $"'{name}' must decode to {DeviceBundleRules.PrivateKeySize} bytes; got {key.Length}.");
    }
}
