namespace Kusabi.Protocol.Internal;

/// <summary>
/// Appends byte strings into a fixed buffer. The labeled HKDF inputs and the id preimage are
/// plain concatenations; writing them through one cursor keeps the offsets out of the callers.
/// </summary>
internal ref struct SpanWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public readonly int Position => _position;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[_position..]);
        _position += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        _destination[_position] = value;
        _position++;
    }

    /// <summary>Big-endian, as RFC 9180's I2OSP(value, 2).</summary>
    public void WriteUInt16BigEndian(ushort value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(_destination[_position..], value);
        _position += sizeof(ushort);
    }
}
