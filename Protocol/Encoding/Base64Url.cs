using System.Diagnostics.CodeAnalysis;

namespace Kusabi.Protocol.Encoding;

/// <summary>
/// Unpadded base64url (RFC 4648 §5), the form used in URLs and JSON tokens. Decoding is strict:
/// padding, whitespace and the '+' / '/' alphabet are rejected so every value has one spelling.
/// </summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <exception cref="FormatException">The text is not canonical unpadded base64url.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text) =>
        TryDecode(text, out var bytes)
            ? bytes
            : throw new FormatException("Text is not valid unpadded base64url (alphabet A-Z a-z 0-9 - _, no '=' or whitespace).");

    public static bool TryDecode(ReadOnlySpan<char> text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;

        // A single leftover character can never encode a whole byte.
        if (text.Length % 4 == 1 || !IsAlphabetOnly(text))
        {
            return false;
        }

        // The OperationStatus overload reports bad input; TryDecodeFromChars throws on some of it.
        var buffer = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(text.Length)];
        var status = System.Buffers.Text.Base64Url.DecodeFromChars(text, buffer, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var decoded = buffer.AsSpan(0, written).ToArray();

        // Reject non-canonical spellings whose unused trailing bits are not zero.
        if (!Encode(decoded).AsSpan().SequenceEqual(text))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    private static bool IsAlphabetOnly(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            var valid = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }
}
