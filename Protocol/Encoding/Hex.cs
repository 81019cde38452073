using System.Diagnostics.CodeAnalysis;

namespace Kusabi.Protocol.Encoding;

/// <summary>
/// Hexadecimal text for binary values. Output is always lower-case so that a value has exactly one
/// textual form (ids are compared and logged as text); input accepts either case.
/// </summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <exception cref="FormatException">The text has an odd length or a non-hex character.</exception>
    public static byte[] Decode(ReadOnlySpan<char> hex)
    {
        if (hex.Length % 2 != 0)
        {
            throw new FormatException($"Hex text must have an even length; got {hex.Length} characters.");
        }

        var bytes = new byte[hex.Length / 2];
        var error = TryDecodeInto(hex, bytes);
        return error is null ? bytes : throw new FormatException($"Invalid hex text: {error}.");
    }

    public static bool TryDecode(ReadOnlySpan<char> hex, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (hex.Length % 2 != 0)
        {
            return false;
        }

        var buffer = new byte[hex.Length / 2];
        if (TryDecodeInto(hex, buffer) is not null)
        {
            return false;
        }

        bytes = buffer;
        return true;
    }

    /// <summary>
    /// Decodes exactly <c>destination.Length</c> bytes. Returns null on success, otherwise a
    /// description of the first problem, so callers can build precise <see cref="FormatException"/>s.
    /// </summary>
    internal static string? TryDecodeInto(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        var expectedLength = destination.Length * 2;
        if (hex.Length != expectedLength)
        {
            return $"expected {expectedLength} hexadecimal characters but got {hex.Length}";
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var high = NibbleValue(hex[2 * i]);
            if (high < 0)
            {
                return DescribeInvalidCharacter(hex[2 * i], 2 * i);
            }

            var low = NibbleValue(hex[(2 * i) + 1]);
            if (low < 0)
            {
                return DescribeInvalidCharacter(hex[(2 * i) + 1], (2 * i) + 1);
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return null;
    }

    private static int NibbleValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string DescribeInvalidCharacter(char c, int position)
    {
        // Control and non-ASCII characters are shown as code points so the message stays readable.
        var shown = c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";
        return $"character {shown} at position {position} is not a hexadecimal digit (0-9, a-f, A-F)";
    }
}
