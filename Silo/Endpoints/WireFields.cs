using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.Silo.Endpoints;

/// <summary>Field parsers that name the offending field in their error.</summary>
public static class WireFields
{
    public static bool TryId(string? text, string field, out KusabiId id, out IResult? problem)
    {
        problem = null;
        if (KusabiId.TryParse(text, out id)) return true;
        problem = Problems.Malformed($"'{field}' must be a kusabi-ID: 64 hexadecimal characters.");
        return false;
    }

    public static bool TryBytes(string? text, string field, int minLength, int maxLength, out byte[] bytes, out IResult? problem)
    {
        problem = null;
        if (text is not null && Base64Url.TryDecode(text, out var decoded) && decoded is not null && decoded.Length >= minLength && decoded.Length <= maxLength)
        {
            bytes = decoded;
            return true;
        }
        bytes = [];
        problem = Problems.Malformed(minLength == maxLength
            ? $"'{field}' must be {minLength} bytes in base64url without padding."
            : $"'{field}' must be {minLength}–{maxLength} bytes in base64url without padding.");
        return false;
    }
}
