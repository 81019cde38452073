using System.Globalization;
using System.Security.Cryptography;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.Protocol.DeviceAuth;

/// <summary>The parts of a device's <c>Authorization: Kusabi-Device …</c> header.</summary>
public sealed record DeviceRequestCredential(KusabiId ActId, long TimestampMs, byte[] Nonce, byte[] Signature);

/// <summary>
/// Every request of an activated device is signed with its act key (docs/protocol.md, "Device
/// requests"). The signature covers the method, path and query, a timestamp, a fresh nonce and the
/// SHA-256 of the body, so a captured request cannot be replayed, redirected or altered.
/// </summary>
public static class DeviceRequestAuth
{
    public const string Scheme = "Kusabi-Device";
    public const int NonceSize = 16;
    public static readonly byte[] Label = "kusabi/device-request/v1"u8.ToArray();

    /// <summary>label ‖ "\n" ‖ METHOD ‖ "\n" ‖ path-and-query ‖ "\n" ‖ timestamp (ms, decimal) ‖ "\n" ‖ nonce (base64url) ‖ "\n" ‖ hex(SHA-256(body)).</summary>
    public static byte[] StringToSign(string method, string pathAndQuery, long timestampMs, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> bodySha256)
    {
        var text = $"\n{method.ToUpperInvariant()}\n{pathAndQuery}\n{timestampMs.ToString(CultureInfo.InvariantCulture)}\n{Base64Url.Encode(nonce)}\n{Hex.Encode(bodySha256)}";
        return [.. Label, .. System.Text.Encoding.UTF8.GetBytes(text)];
    }

    public static string CreateHeader(Ed25519KeyPair actKey, KusabiId actId, string method, string pathAndQuery, ReadOnlySpan<byte> body, long timestampMs)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var signature = actKey.Sign(StringToSign(method, pathAndQuery, timestampMs, nonce, SHA256.HashData(body)));
        return $"{Scheme} id={actId},ts={timestampMs.ToString(CultureInfo.InvariantCulture)},nonce={Base64Url.Encode(nonce)},sig={Base64Url.Encode(signature)}";
    }

    /// <summary>Parses the header; the error names what is wrong.</summary>
    public static bool TryParse(string? header, out DeviceRequestCredential? credential, out string error)
    {
        credential = null;
        error = "";
        if (header is null || !header.StartsWith(Scheme + " ", StringComparison.Ordinal))
        {
            error = $"An '{Scheme}' Authorization header is required.";
            return false;
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(Scheme.Length + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !fields.TryAdd(part[..eq], part[(eq + 1)..]))
            {
                error = "The Authorization header must be id=…,ts=…,nonce=…,sig=… with each field once.";
                return false;
            }
        }
        if (fields.Count != 4 || !fields.TryGetValue("id", out var id) || !KusabiId.TryParse(id, out var actId))
            error = "'id' must be the act kusabi-ID (64 hex characters).";
        else if (!fields.TryGetValue("ts", out var ts) || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            error = "'ts' must be Unix time in milliseconds.";
        else if (!fields.TryGetValue("nonce", out var n) || !Base64Url.TryDecode(n, out var nonce) || nonce!.Length != NonceSize)
            error = $"'nonce' must be {NonceSize} bytes in base64url.";
        else if (!fields.TryGetValue("sig", out var s) || !Base64Url.TryDecode(s, out var signature) || signature!.Length != Ed25519KeyPair.SignatureSize)
            error = "'sig' must be a 64-byte Ed25519 signature in base64url.";
        else
        {
            credential = new DeviceRequestCredential(actId, timestamp, nonce, signature);
            return true;
        }
        return false;
    }

    public static bool Verify(ReadOnlySpan<byte> actPublicKey, DeviceRequestCredential credential, string method, string pathAndQuery, ReadOnlySpan<byte> bodySha256) =>
        Ed25519Signer.Verify(actPublicKey, StringToSign(method, pathAndQuery, credential.TimestampMs, credential.Nonce, bodySha256), credential.Signature);
}
