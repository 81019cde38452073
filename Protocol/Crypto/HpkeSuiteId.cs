using Kusabi.Protocol.Internal;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// The suite_id strings of RFC 9180 §4.1 and §5.1 that domain-separate every labeled HKDF call:
/// the KEM uses "KEM" || kem_id, the key schedule "HPKE" || kem_id || kdf_id || aead_id.
/// </summary>
internal static class HpkeSuiteId
{
    public const ushort KemId = 0x0020; // DHKEM(X25519, HKDF-SHA256)
    public const ushort KdfId = 0x0001; // HKDF-SHA256

    public static byte[] Kem()
    {
        var suiteId = new byte[5];
        var writer = new SpanWriter(suiteId);
        writer.Write("KEM"u8);
        writer.WriteUInt16BigEndian(KemId);
        return suiteId;
    }

    public static byte[] Hpke(HpkeAead aead)
    {
        var suiteId = new byte[10];
        var writer = new SpanWriter(suiteId);
        writer.Write("HPKE"u8);
        writer.WriteUInt16BigEndian(KemId);
        writer.WriteUInt16BigEndian(KdfId);
        writer.WriteUInt16BigEndian((ushort)aead);
        return suiteId;
    }
}
