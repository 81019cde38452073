using System.Text.Json;
using System.Text.Json.Serialization;
using Kusabi.Protocol.Crypto;

namespace Kusabi.Protocol.Tests.Support;

/// <summary>One suite of shared/vectors/hpke-rfc9180-base-x25519.json (hex fields decoded on access).</summary>
internal sealed record HpkeVector(
    [property: JsonPropertyName("mode")] int Mode,
    [property: JsonPropertyName("kem_id")] int KemId,
    [property: JsonPropertyName("kdf_id")] int KdfId,
    [property: JsonPropertyName("aead_id")] int AeadId,
    [property: JsonPropertyName("info")] string Info,
    [property: JsonPropertyName("ikmE")] string IkmE,
    [property: JsonPropertyName("pkEm")] string PkEm,
    [property: JsonPropertyName("skEm")] string SkEm,
    [property: JsonPropertyName("ikmR")] string IkmR,
    [property: JsonPropertyName("pkRm")] string PkRm,
    [property: JsonPropertyName("skRm")] string SkRm,
    [property: JsonPropertyName("enc")] string Enc,
    [property: JsonPropertyName("shared_secret")] string SharedSecret,
    [property: JsonPropertyName("key_schedule_context")] string KeyScheduleContext,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("base_nonce")] string BaseNonce,
    [property: JsonPropertyName("exporter_secret")] string ExporterSecret,
    [property: JsonPropertyName("encryptions")] IReadOnlyList<HpkeVectorEncryption> Encryptions,
    [property: JsonPropertyName("exports")] IReadOnlyList<HpkeVectorExport>? Exports)
{
    public const string FileName = "hpke-rfc9180-base-x25519.json";

    private static readonly Lazy<IReadOnlyList<HpkeVector>> _all = new(() =>
        JsonSerializer.Deserialize<List<HpkeVector>>(File.ReadAllText(SharedVectors.PathOf(FileName)))
        ?? throw new InvalidDataException($"{FileName} is empty."));

    public HpkeAead Aead => (HpkeAead)AeadId;

    public static HpkeVector ForAead(int aeadId) =>
        _all.Value.SingleOrDefault(v => v.AeadId == aeadId)
        ?? throw new InvalidDataException($"{FileName} has no suite with aead_id {aeadId}.");

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}

internal sealed record HpkeVectorEncryption(
    [property: JsonPropertyName("sequence_number")] ulong SequenceNumber,
    [property: JsonPropertyName("pt")] string Plaintext,
    [property: JsonPropertyName("aad")] string Aad,
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("ct")] string Ciphertext);

/// <summary>The RFC's JSON layout for exported values, should the shared file ever carry them.</summary>
internal sealed record HpkeVectorExport(
    [property: JsonPropertyName("exporter_context")] string ExporterContext,
    [property: JsonPropertyName("L")] int Length,
    [property: JsonPropertyName("exported_value")] string ExportedValue);
