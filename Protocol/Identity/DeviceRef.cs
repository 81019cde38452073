using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Kusabi.Protocol.Identity;

/// <summary>
/// An opaque 32-byte reference to a device, random so that it reveals nothing about the device.
/// Same text form as <see cref="KusabiId"/>: 64 lower-case hex characters, upper case accepted on parse.
/// </summary>
public readonly record struct DeviceRef : IParsable<DeviceRef>
{
    public const int Size = Bytes32.Size;
    public const int HexLength = Bytes32.HexLength;

    private readonly Bytes32 _value;

    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes.</exception>
    public DeviceRef(ReadOnlySpan<byte> bytes) => _value = Bytes32.Read(bytes, nameof(bytes));

    /// <summary>A new reference from the system CSPRNG.</summary>
    public static DeviceRef CreateRandom()
    {
        Span<byte> bytes = stackalloc byte[Size];
        RandomNumberGenerator.Fill(bytes);
        return new DeviceRef(bytes);
    }

    /// <exception cref="FormatException">The text is not exactly 64 hex characters.</exception>
    public static DeviceRef Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var error = Bytes32.TryParseHex(s, out var value);
        return error is null ? new DeviceRef(value) : throw new FormatException($"Invalid DeviceRef: {error}.");
    }

    public static DeviceRef Parse(string s, IFormatProvider? provider) => Parse(s);

    public static bool TryParse([NotNullWhen(true)] string? s, out DeviceRef result)
    {
        result = default;
        if (s is null || Bytes32.TryParseHex(s, out var value) is not null)
        {
            return false;
        }

        result = new DeviceRef(value);
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out DeviceRef result) =>
        TryParse(s, out result);

    public byte[] ToArray() => _value.ToArray();

    public void WriteTo(Span<byte> destination) => _value.WriteTo(destination);

    /// <summary>The canonical text form: 64 lower-case hex characters.</summary>
    public override string ToString() => _value.ToHex();

    private DeviceRef(Bytes32 value) => _value = value;
}
