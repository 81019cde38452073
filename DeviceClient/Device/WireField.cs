using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>Decodes fields of server answers; a bad field is the server's fault, so it is a protocol error.</summary>
internal static class WireField
{
    public static byte[] Bytes(string? value, string step, string name) =>
        value is not null && Base64Url.TryDecode(value, out var bytes)
            ? bytes
            : throw new KusabiProtocolException($"The server's {step} answer has no valid base64url '{name}'.");

    public static KusabiId Id(string? value, string step, string name) =>
        KusabiId.TryParse(value, out var id)
            ? id
            : throw new KusabiProtocolException($"The server's {step} answer has no valid kusabi-ID in '{name}'.");
}
