using System.Buffers.Binary;
using Kusabi.Protocol.Encoding;

namespace Kusabi.Protocol.Identity;

/// <summary>
/// 32 bytes stored as four big-endian words. As a record struct of plain fields it gets value
/// equality and hashing for free, and the identifier types built on it never allocate.
/// </summary>
internal readonly record struct Bytes32(ulong Word0, ulong Word1, ulong Word2, ulong Word3)
{
    public const int Size = 32;
    public const int HexLength = 64;

    public static Bytes32 Read(ReadOnlySpan<byte> bytes, string parameterName)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"Expected exactly {Size} bytes; got {bytes.Length}.", parameterName);
        }

        return new Bytes32(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Parses 64 hex characters (either case). Returns null on success, otherwise what is wrong.</summary>
    public static string? TryParseHex(ReadOnlySpan<char> hex, out Bytes32 value)
    {
        Span<byte> bytes = stackalloc byte[Size];
        var error = Hex.TryDecodeInto(hex, bytes);
        value = error is null ? Read(bytes, nameof(hex)) : default;
        return error;
    }

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"The destination must hold at least {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, Word0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Word1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], Word2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], Word3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Hex.Encode(bytes);
    }
}
