using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Kusabi.Protocol.Internal;

namespace Kusabi.Protocol.Identity;

/// <summary>
/// The 32-byte identifier of a registered key. Text form: 64 lower-case hex characters; parsing
/// also accepts upper case. Created as
/// SHA-256("kusabi/id/v1" || purpose || public key || 16-byte salt): the salt keeps ids unlinkable
/// to the public key alone, the purpose byte keeps one key's ids apart across purposes.
/// </summary>
public readonly record struct KusabiId : IParsable<KusabiId>
{
    public const int Size = Bytes32.Size;
    public const int HexLength = Bytes32.HexLength;
    public const int SaltSize = 16;
    public const int PublicKeySize = 32;

    private readonly Bytes32 _value;

    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes.</exception>
    public KusabiId(ReadOnlySpan<byte> bytes) => _value = Bytes32.Read(bytes, nameof(bytes));

    private static ReadOnlySpan<byte> DomainTag => "kusabi/id/v1"u8;

    /// <summary>Creates an id with a fresh salt from the system CSPRNG.</summary>
    public static KusabiId Create(KeyPurpose purpose, ReadOnlySpan<byte> publicKey)
    {
        Span<byte> salt = stackalloc byte[SaltSize];
        RandomNumberGenerator.Fill(salt);
        return Create(purpose, publicKey, salt);
    }

    /// <summary>Creates an id with an explicit salt: reproducible, for vectors and recomputation.</summary>
    public static KusabiId Create(KeyPurpose purpose, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> salt)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown key purpose.");
        }

        if (publicKey.Length != PublicKeySize)
        {
            throw new ArgumentException($"The public key must be {PublicKeySize} bytes; got {publicKey.Length}.", nameof(publicKey));
        }

        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"The salt must be {SaltSize} bytes; got {salt.Length}.", nameof(salt));
        }

        Span<byte> preimage = stackalloc byte[DomainTag.Length + 1 + PublicKeySize + SaltSize];
        var writer = new SpanWriter(preimage);
        writer.Write(DomainTag);
        writer.WriteByte((byte)purpose);
        writer.Write(publicKey);
        writer.Write(salt);

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(preimage, digest);
        return new KusabiId(digest);
    }

    /// <exception cref="FormatException">The text is not exactly 64 hex characters.</exception>
    public static KusabiId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var error = Bytes32.TryParseHex(s, out var value);
        return error is null ? new KusabiId(value) : throw new FormatException($"Invalid KusabiId: {error}.");
    }

    public static KusabiId Parse(string s, IFormatProvider? provider) => Parse(s);

    public static bool TryParse([NotNullWhen(true)] string? s, out KusabiId result)
    {
        result = default;
        if (s is null || Bytes32.TryParseHex(s, out var value) is not null)
        {
            return false;
        }

        result = new KusabiId(value);
        return true;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out KusabiId result) =>
        TryParse(s, out result);

    public byte[] ToArray() => _value.ToArray();

    public void WriteTo(Span<byte> destination) => _value.WriteTo(destination);

    /// <summary>The canonical text form: 64 lower-case hex characters.</summary>
    public override string ToString() => _value.ToHex();

    private KusabiId(Bytes32 value) => _value = value;
}
