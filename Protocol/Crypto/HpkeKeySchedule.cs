using System.Security.Cryptography;
using Kusabi.Protocol.Internal;

namespace Kusabi.Protocol.Crypto;

/// <summary>
/// KeySchedule of RFC 9180 §5.1 for mode_base: no PSK, so psk and psk_id are empty and the only
/// inputs are the KEM shared secret and the application's info string.
/// </summary>
internal static class HpkeKeySchedule
{
    internal const byte ModeBase = 0x00;

    public static HpkeKeyMaterial Base(HpkeAead aead, ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> info)
    {
        var suiteId = HpkeSuiteId.Hpke(aead);
        var pskIdHash = HpkeLabeledKdf.LabeledExtract(suiteId, [], "psk_id_hash"u8, []);
        var infoHash = HpkeLabeledKdf.LabeledExtract(suiteId, [], "info_hash"u8, info);

        var context = new byte[1 + pskIdHash.Length + infoHash.Length];
        var writer = new SpanWriter(context);
        writer.WriteByte(ModeBase);
        writer.Write(pskIdHash);
        writer.Write(infoHash);

        var secret = HpkeLabeledKdf.LabeledExtract(suiteId, sharedSecret, "secret"u8, []);
        var key = HpkeLabeledKdf.LabeledExpand(suiteId, secret, "key"u8, context, AeadCipher.KeySize(aead));
        var baseNonce = HpkeLabeledKdf.LabeledExpand(suiteId, secret, "base_nonce"u8, context, AeadCipher.NonceSize);
        var exporterSecret = HpkeLabeledKdf.LabeledExpand(suiteId, secret, "exp"u8, context, HpkeLabeledKdf.HashSize);
        return new HpkeKeyMaterial(context, secret, key, baseNonce, exporterSecret);
    }

    /// <summary>Secret export (RFC 9180 §5.3): LabeledExpand(exporter_secret, "sec", exporter_context, L).</summary>
    public static byte[] Export(HpkeAead aead, ReadOnlySpan<byte> exporterSecret, ReadOnlySpan<byte> exporterContext, int length) =>
        HpkeLabeledKdf.LabeledExpand(HpkeSuiteId.Hpke(aead), exporterSecret, "sec"u8, exporterContext, length);

    public static void Wipe(HpkeKeyMaterial material)
    {
        CryptographicOperations.ZeroMemory(material.Secret);
        CryptographicOperations.ZeroMemory(material.Key);
        CryptographicOperations.ZeroMemory(material.ExporterSecret);
    }
}
