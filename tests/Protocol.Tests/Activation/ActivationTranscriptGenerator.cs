using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;
using NSec.Cryptography;
using Base64Url = Kusabi.Protocol.Encoding.Base64Url;

namespace Kusabi.Protocol.Tests.Activation;

/// <summary>
/// Runs the cryptography of the whole activation protocol (factory registration, steps 1 to 5)
/// with fixed inputs and records every intermediate value. It is the only source of
/// docs/vectors/activation-transcript.json and of the transcript section of docs/protocol.md:
/// both are written by <see cref="ActivationTranscriptTests"/> when KUSABI_WRITE_VECTORS=1 and
/// compared byte for byte otherwise.
/// </summary>
/// <remarks>
/// Every byte string the protocol binds is built by <see cref="ActivationCrypto"/>, and every
/// primitive is the one the Protocol library uses. The only departures from the production code
/// paths are the ones that make the run reproducible: the HPKE ephemeral key comes from
/// DeriveKeyPair(ikmE) as in the RFC 9180 vectors, and the two SessionCipher messages use fixed
/// AES-GCM nonces laid out exactly as <see cref="SessionCipher.Seal"/> lays out its random ones.
/// </remarks>
internal static class ActivationTranscriptGenerator
{
    public const string VectorFileName = "activation-transcript.json";
    public const string DocSectionBegin = "<!-- BEGIN GENERATED activation-transcript (ActivationTranscriptTests; KUSABI_WRITE_VECTORS=1 rewrites it) -->";
    public const string DocSectionEnd = "<!-- END GENERATED activation-transcript -->";

    /// <summary>The step 2 expiry in the example bodies; a real server answers now + 5 minutes.</summary>
    public static readonly DateTimeOffset ExampleExpiresAt = new(2030, 1, 1, 12, 5, 0, TimeSpan.Zero);

    /// <summary>Chain references in the example factory answer; a real server reports the mined block and transaction.</summary>
    public const long ExampleBlock = 42;
    public static readonly string ExampleTransaction = "0x" + new string('1', 64);

    /// <summary>The JSON the device API speaks: ASP.NET Core's web defaults (camelCase names).</summary>
    public static JsonSerializerOptions WireJson { get; } = new(JsonSerializerDefaults.Web);

    // The vector file holds only ASCII hex, base64url and labels; relaxed escaping keeps '+' in
    // the example timestamp readable instead of \u002B.
    internal static readonly JsonSerializerOptions FileJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The vector file's text: indented JSON, LF line ends, final newline.</summary>
    public static string GenerateFileText() => Generate().ToJsonString(FileJson).ReplaceLineEndings("\n") + "\n";

    public static JsonObject Generate()
    {
        var inputs = TranscriptInputs.Fixed;
        var aead = ActivationCrypto.Aead;

        // Factory: the pre key pair, its kusabi-ID and the device reference.
        using var preKey = X25519KeyPair.Import(inputs.PrePrivateKey);
        var prePublicKey = preKey.PublicKey.ToArray();
        var preId = KusabiId.Create(KeyPurpose.Pre, prePublicKey, inputs.PreSalt);
        var deviceRef = new DeviceRef(inputs.DeviceRef);
        var factoryRequest = Wire(new FactoryPreKeysRequest([
            new FactoryPreKey(preId.ToString(), deviceRef.ToString(), Base64Url.Encode(prePublicKey)),
        ]));
        var factoryResponse = Wire(new FactoryPreKeysResponse([
            new FactoryRegisteredKey(preId.ToString(), ExampleBlock, ExampleTransaction),
        ]));

        // Step 1.
        var beginRequest = Wire(new BeginActivationRequest(preId.ToString()));

        // Step 2: HPKE base mode to the pre key, info = label || preId, aad empty.
        var info = ActivationCrypto.HpkeInfo(preId);
        var sessionGrant = ActivationCrypto.SessionGrant(inputs.SessionId, inputs.SessionKey);
        using var ephemeral = DhKemX25519.DeriveKeyPair(inputs.HpkeIkmE);
        var dh = RawX25519(ephemeral, prePublicKey);
        var encapsulation = DhKemX25519.Encap(prePublicKey, ephemeral);
        var kemContext = Concat(encapsulation.EncapsulatedKey, prePublicKey);
        var schedule = HpkeKeySchedule.Base(aead, encapsulation.SharedSecret, info);
        byte[] sealedSessionGrant;
        using (var sender = Hpke.SetupBaseSender(aead, prePublicKey, info, ephemeral))
        {
            sealedSessionGrant = sender.Seal([], sessionGrant);
        }

        var beginResponse = Wire(new BeginActivationResponse(
            Base64Url.Encode(encapsulation.EncapsulatedKey), Base64Url.Encode(sealedSessionGrant), ExampleExpiresAt));

        // Step 3: the request nonce sealed under the session key.
        var requestAad = ActivationCrypto.ActRequestAad(inputs.SessionId);
        var requestSealed = FixedNonceSessionSeal(inputs.SessionKey, inputs.RequestAesNonce, inputs.RequestNonce, requestAad);
        var actKeyRequest = Wire(new ActKeyRequest(preId.ToString(), Base64Url.Encode(inputs.SessionId), Base64Url.Encode(requestSealed)));

        // Step 4: the act key pair, its kusabi-ID, and the act grant sealed under the session key.
        using var actKey = Ed25519KeyPair.Import(inputs.ActSeed);
        var actPublicKey = actKey.PublicKey.ToArray();
        var actId = KusabiId.Create(KeyPurpose.Act, actPublicKey, inputs.ActSalt);
        var grantAad = ActivationCrypto.ActGrantAad(inputs.SessionId, inputs.RequestNonce);
        var actGrant = ActivationCrypto.ActGrant(actId, inputs.ActSeed);
        var grantSealed = FixedNonceSessionSeal(inputs.SessionKey, inputs.GrantAesNonce, actGrant, grantAad);
        var actKeyResponse = Wire(new ActKeyResponse(Base64Url.Encode(grantSealed)));

        // Step 5: proof of possession of the act key.
        var confirmTranscript = ActivationCrypto.ConfirmTranscript(inputs.SessionId, preId, actId, actPublicKey);
        var signature = actKey.Sign(confirmTranscript);
        var confirmRequest = Wire(new ConfirmActivationRequest(
            preId.ToString(), Base64Url.Encode(inputs.SessionId), actId.ToString(), Base64Url.Encode(signature)));
        var confirmResponse = Wire(new ConfirmActivationResponse(actId.ToString(), "active"));

        return new JsonObject
        {
            ["description"] = "Kusabi activation protocol v1: every value of one run with fixed inputs. "
                + "Binary values are lower-case hex; request and response are the JSON bodies on the wire. "
                + "Generated by tests/Protocol.Tests/Activation/ActivationTranscriptGenerator.cs; do not edit by hand.",
            ["suite"] = new JsonObject
            {
                ["hpkeMode"] = "0x00",
                ["kemId"] = "0x0020",
                ["kdfId"] = "0x0001",
                ["aeadId"] = $"0x{(ushort)aead:x4}",
                ["kemSuiteId"] = Hex(HpkeSuiteId.Kem()),
                ["hpkeSuiteId"] = Hex(HpkeSuiteId.Hpke(aead)),
            },
            ["labels"] = new JsonObject
            {
                ["kusabiId"] = Hex("kusabi/id/v1"u8),
                ["hpkeInfo"] = Hex(ActivationCrypto.HpkeInfoLabel),
                ["actRequest"] = Hex(ActivationCrypto.ActRequestLabel),
                ["actGrant"] = Hex(ActivationCrypto.ActGrantLabel),
                ["actConfirm"] = Hex(ActivationCrypto.ConfirmLabel),
            },
            ["inputs"] = new JsonObject
            {
                ["prePrivateKey"] = Hex(inputs.PrePrivateKey),
                ["preSalt"] = Hex(inputs.PreSalt),
                ["deviceRef"] = Hex(inputs.DeviceRef),
                ["hpkeIkmE"] = Hex(inputs.HpkeIkmE),
                ["sessionId"] = Hex(inputs.SessionId),
                ["sessionKey"] = Hex(inputs.SessionKey),
                ["requestNonce"] = Hex(inputs.RequestNonce),
                ["requestAesNonce"] = Hex(inputs.RequestAesNonce),
                ["actSeed"] = Hex(inputs.ActSeed),
                ["actSalt"] = Hex(inputs.ActSalt),
                ["grantAesNonce"] = Hex(inputs.GrantAesNonce),
            },
            ["factory"] = new JsonObject
            {
                ["prePublicKey"] = Hex(prePublicKey),
                ["preIdPreimage"] = Hex(IdPreimage(KeyPurpose.Pre, prePublicKey, inputs.PreSalt)),
                ["preId"] = preId.ToString(),
                ["request"] = factoryRequest,
                ["response"] = factoryResponse,
            },
            ["step1"] = new JsonObject
            {
                ["request"] = beginRequest,
            },
            ["step2"] = new JsonObject
            {
                ["hpkeInfo"] = Hex(info),
                ["skE"] = Hex(ephemeral.ExportPrivateKey()),
                ["pkE"] = Hex(ephemeral.PublicKey),
                ["dh"] = Hex(dh),
                ["kemContext"] = Hex(kemContext),
                ["sharedSecret"] = Hex(encapsulation.SharedSecret),
                ["keyScheduleContext"] = Hex(schedule.KeyScheduleContext),
                ["secret"] = Hex(schedule.Secret),
                ["key"] = Hex(schedule.Key),
                ["baseNonce"] = Hex(schedule.BaseNonce),
                ["exporterSecret"] = Hex(schedule.ExporterSecret),
                ["aad"] = Hex([]),
                ["plaintext"] = Hex(sessionGrant),
                ["enc"] = Hex(encapsulation.EncapsulatedKey),
                ["sealed"] = Hex(sealedSessionGrant),
                ["response"] = beginResponse,
            },
            ["step3"] = new JsonObject
            {
                ["aad"] = Hex(requestAad),
                ["plaintext"] = Hex(inputs.RequestNonce),
                ["aesNonce"] = Hex(inputs.RequestAesNonce),
                ["sealed"] = Hex(requestSealed),
                ["request"] = actKeyRequest,
            },
            ["step4"] = new JsonObject
            {
                ["actPublicKey"] = Hex(actPublicKey),
                ["actIdPreimage"] = Hex(IdPreimage(KeyPurpose.Act, actPublicKey, inputs.ActSalt)),
                ["actId"] = actId.ToString(),
                ["aad"] = Hex(grantAad),
                ["plaintext"] = Hex(actGrant),
                ["aesNonce"] = Hex(inputs.GrantAesNonce),
                ["sealed"] = Hex(grantSealed),
                ["response"] = actKeyResponse,
            },
            ["step5"] = new JsonObject
            {
                ["transcript"] = Hex(confirmTranscript),
                ["signature"] = Hex(signature),
                ["request"] = confirmRequest,
                ["response"] = confirmResponse,
            },
        };
    }

    /// <summary>
    /// <see cref="SessionCipher.Seal"/> with a chosen nonce: nonce (12) || ciphertext || tag (16),
    /// AES-256-GCM through the same primitive the Protocol library uses.
    /// </summary>
    public static byte[] FixedNonceSessionSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad) =>
        Concat(nonce, AeadCipher.Seal(HpkeAead.Aes256Gcm, key, nonce, aad, plaintext));

    /// <summary>The kusabi-ID preimage: "kusabi/id/v1" || purpose || public key || salt.</summary>
    public static byte[] IdPreimage(KeyPurpose purpose, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> salt) =>
        [.. "kusabi/id/v1"u8, (byte)purpose, .. publicKey, .. salt];

    private static JsonNode Wire<T>(T body) =>
        JsonNode.Parse(JsonSerializer.Serialize(body, WireJson)) ?? throw new InvalidOperationException("Serialized null.");

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => [.. a, .. b];

    /// <summary>The raw X25519 output DH(skE, pkR), which the Protocol library keeps private; shown for debugging ports.</summary>
    private static byte[] RawX25519(X25519KeyPair ephemeral, ReadOnlySpan<byte> recipientPublicKey)
    {
        var publicKey = NSec.Cryptography.PublicKey.Import(KeyAgreementAlgorithm.X25519, recipientPublicKey, KeyBlobFormat.RawPublicKey);
        using var secret = KeyAgreementAlgorithm.X25519.Agree(
            ephemeral.Key,
            publicKey,
            new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })
            ?? throw new CryptographicException("X25519 agreement failed.");
        return secret.Export(SharedSecretBlobFormat.RawSharedSecret);
    }
}

/// <summary>
/// The fixed inputs: consecutive runs of one counter, 0x01 to 0xf8, in the order the protocol
/// consumes them, so each is easy to type into another implementation.
/// </summary>
internal sealed record TranscriptInputs(
    byte[] PrePrivateKey,
    byte[] PreSalt,
    byte[] DeviceRef,
    byte[] HpkeIkmE,
    byte[] SessionId,
    byte[] SessionKey,
    byte[] RequestNonce,
    byte[] RequestAesNonce,
    byte[] ActSeed,
    byte[] ActSalt,
    byte[] GrantAesNonce)
{
    public static TranscriptInputs Fixed { get; } = Build();

    private static TranscriptInputs Build()
    {
        var next = 1;
        byte[] Take(int length)
        {
            var bytes = new byte[length];
            for (var i = 0; i < length; i++)
            {
                bytes[i] = (byte)next++;
            }

            return bytes;
        }

        return new TranscriptInputs(
            PrePrivateKey: Take(X25519KeyPair.PrivateKeySize),
            PreSalt: Take(KusabiId.SaltSize),
            DeviceRef: Take(global::Kusabi.Protocol.Identity.DeviceRef.Size),
            HpkeIkmE: Take(32),
            SessionId: Take(ActivationCrypto.SessionIdSize),
            SessionKey: Take(SessionCipher.KeySize),
            RequestNonce: Take(ActivationCrypto.RequestNonceSize),
            RequestAesNonce: Take(SessionCipher.NonceSize),
            ActSeed: Take(Ed25519KeyPair.PrivateSeedSize),
            ActSalt: Take(KusabiId.SaltSize),
            GrantAesNonce: Take(SessionCipher.NonceSize));
    }
}

// The factory endpoint's bodies. The server's own types live in Silo/; these mirror the wire
// format documented in docs/protocol.md so the example bodies can be generated.
internal sealed record FactoryPreKeysRequest(IReadOnlyList<FactoryPreKey> Keys);

internal sealed record FactoryPreKey(string Id, string DeviceRef, string PublicKey);

internal sealed record FactoryPreKeysResponse(IReadOnlyList<FactoryRegisteredKey> Registered);

internal sealed record FactoryRegisteredKey(string Id, long Block, string Transaction);
