using System.Buffers;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>Field rules shared by <see cref="DeviceBundle"/> and the bundle file reader.</summary>
internal static class DeviceBundleRules
{
    public const int PrivateKeySize = 32;

    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static bool IsServerUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0;

    public static bool IsContractAddress(string text) =>
        text.Length == 42 && text.StartsWith("0x", StringComparison.Ordinal) && !text.AsSpan(2).ContainsAnyExcept(s_hexDigits);

    /// <summary>Both halves of a key must be present together, with a non-zero ID and a 32-byte private key.</summary>
    public static string? FindKeyProblem(string idName, KusabiId? id, string keyName, byte[]? privateKey)
    {
        if (id is null) return $"'{idName}' is missing; it is required together with '{keyName}'.";
        if (privateKey is null) return $"'{keyName}' is missing; it is required together with '{idName}'.";
        if (id.Value == default) return $"'{idName}' is all zeros, which is never a valid kusabi-ID.";
        return privateKey.Length == PrivateKeySize ? null : $"'{keyName}' must be {PrivateKeySize} bytes; got {privateKey.Length}.";
    }
}
