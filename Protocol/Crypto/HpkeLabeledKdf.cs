using Kusabi.Protocol.Internal;
using NSec.Cryptography;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// LabeledExtract / LabeledExpand of RFC 9180 §4: HKDF-SHA256 whose inputs are prefixed with
/// "HPKE-v1", the suite id and a label, so no two HPKE uses of HKDF can collide.
/// </summary>
internal static class HpkeLabeledKdf
{
    public const int HashSize = 32; // Nh for HKDF-SHA256

    private static ReadOnlySpan<byte> Version => "HPKE-v1"u8;

    private static readonly KeyDerivationAlgorithm2 _hkdf = KeyDerivationAlgorithm.HkdfSha256;

    public static byte[] LabeledExtract(
        ReadOnlySpan<byte> suiteId,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> label,
        ReadOnlySpan<byte> inputKeyingMaterial)
    {
        var labeledIkm = new byte[Version.Length + suiteId.Length + label.Length + inputKeyingMaterial.Length];
        var writer = new SpanWriter(labeledIkm);
        writer.Write(Version);
        writer.Write(suiteId);
        writer.Write(label);
        writer.Write(inputKeyingMaterial);

        var prk = _hkdf.Extract(labeledIkm, salt);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(labeledIkm);
        return prk;
    }

    public static byte[] LabeledExpand(
        ReadOnlySpan<byte> suiteId,
        ReadOnlySpan<byte> pseudorandomKey,
        ReadOnlySpan<byte> label,
        ReadOnlySpan<byte> info,
        int length)
    {
        // HKDF can produce at most 255 blocks, and I2OSP(L, 2) must fit the length.
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 255 * HashSize);
        if (length == 0)
        {
            return [];
        }

        var labeledInfo = new byte[sizeof(ushort) + Version.Length + suiteId.Length + label.Length + info.Length];
        var writer = new SpanWriter(labeledInfo);
        writer.WriteUInt16BigEndian((ushort)length);
        writer.Write(Version);
        writer.Write(suiteId);
        writer.Write(label);
        writer.Write(info);

        return _hkdf.Expand(pseudorandomKey, labeledInfo, length);
    }
}
