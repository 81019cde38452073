using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;
using Base64Url = Kusabi.Protocol.Encoding.Base64Url;

namespace Kusabi.Protocol.Tests.Activation;

/// <summary>
/// The fixed-input activation transcript. docs/vectors/activation-transcript.json and the
/// transcript section of docs/protocol.md must be exactly what <see cref="ActivationTranscriptGenerator"/>
/// produces (KUSABI_WRITE_VECTORS=1 rewrites both), and the committed values, read back from the
/// file rather than from the generator, must open and verify with the real Protocol APIs on the
/// device side and on the server side.
/// </summary>
public sealed class ActivationTranscriptTests
{
    private static readonly JsonObject _v = ActivationTranscriptVector.Value;

    [Fact]
    public void The_committed_vector_file_is_what_the_generator_produces()
    {
        var generated = ActivationTranscriptGenerator.GenerateFileText();

        File.ReadAllText(RepositoryFiles.VectorFile).ReplaceLineEndings("\n").Should().Be(
            generated,
            "docs/vectors/{0} is generated; run the tests once with KUSABI_WRITE_VECTORS=1 to rewrite it",
            ActivationTranscriptGenerator.VectorFileName);
    }

    [Fact]
    public void The_protocol_document_quotes_the_vector_file()
    {
        var expected = ActivationTranscriptMarkdown.Render(ActivationTranscriptGenerator.Generate());
        if (WriteMode)
        {
            RepositoryFiles.ReplaceDocSection(expected);
        }

        RepositoryFiles.ReadDocSection().Should().Be(
            expected, "the transcript in docs/protocol.md is generated; run the tests once with KUSABI_WRITE_VECTORS=1");
    }

    [Fact]
    public void The_suite_is_hpke_base_mode_x25519_hkdf_sha256_aes256gcm()
    {
        Str("suite", "kemId").Should().Be($"0x{DhKemX25519.KemId:x4}");
        Str("suite", "aeadId").Should().Be($"0x{(ushort)ActivationCrypto.Aead:x4}");
        ActivationCrypto.Aead.Should().Be(HpkeAead.Aes256Gcm);
        Bytes("suite", "hpkeSuiteId").Should().Equal("HPKE"u8.ToArray().Concat(new byte[] { 0x00, 0x20, 0x00, 0x01, 0x00, 0x02 }));
        Bytes("suite", "kemSuiteId").Should().Equal("KEM"u8.ToArray().Concat(new byte[] { 0x00, 0x20 }));
    }

    [Fact]
    public void The_labels_are_the_ascii_strings_of_ActivationCrypto()
    {
        Bytes("labels", "kusabiId").Should().Equal("kusabi/id/v1"u8.ToArray());
        Bytes("labels", "hpkeInfo").Should().Equal("kusabi/activation/v1"u8.ToArray()).And.Equal(ActivationCrypto.HpkeInfoLabel);
        Bytes("labels", "actRequest").Should().Equal("kusabi/act-request/v1"u8.ToArray()).And.Equal(ActivationCrypto.ActRequestLabel);
        Bytes("labels", "actGrant").Should().Equal("kusabi/act-grant/v1"u8.ToArray()).And.Equal(ActivationCrypto.ActGrantLabel);
        Bytes("labels", "actConfirm").Should().Equal("kusabi/act-confirm/v1"u8.ToArray()).And.Equal(ActivationCrypto.ConfirmLabel);
    }

    [Fact]
    public void The_inputs_are_consecutive_counter_runs_and_the_pre_private_key_is_0x01_to_0x20()
    {
        Bytes("inputs", "prePrivateKey").Should().Equal(Enumerable.Range(1, 32).Select(i => (byte)i));

        var all = ((JsonObject)_v["inputs"]!).SelectMany(p => Convert.FromHexString(p.Value!.GetValue<string>())).ToArray();
        all.Should().Equal(Enumerable.Range(1, all.Length).Select(i => (byte)i));
    }

    [Fact]
    public void Factory_pre_key_id_and_registration_body_match_the_identity_APIs()
    {
        using var preKey = X25519KeyPair.Import(Bytes("inputs", "prePrivateKey"));
        var prePublicKey = Bytes("factory", "prePublicKey");
        var preId = KusabiId.Parse(Str("factory", "preId"));

        preKey.PublicKey.ToArray().Should().Equal(prePublicKey);
        KusabiId.Create(KeyPurpose.Pre, prePublicKey, Bytes("inputs", "preSalt")).Should().Be(preId);
        SHA256.HashData(Bytes("factory", "preIdPreimage")).Should().Equal(preId.ToArray());
        Bytes("factory", "preIdPreimage").Should().HaveCount(12 + 1 + 32 + 16);
        Str("factory", "preId").Should().MatchRegex("^[0-9a-f]{64}$");

        var key = Body("factory", "request")["keys"]!.AsArray().Single()!;
        key["id"]!.GetValue<string>().Should().Be(preId.ToString());
        DeviceRef.Parse(key["deviceRef"]!.GetValue<string>()).ToArray().Should().Equal(Bytes("inputs", "deviceRef"));
        Base64Url.Decode(key["publicKey"]!.GetValue<string>()).Should().Equal(prePublicKey);
        Body("factory", "response")["registered"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(preId.ToString());
    }

    [Fact]
    public void Step1_body_names_the_pre_key()
    {
        var request = Deserialize<BeginActivationRequest>("step1", "request");

        request.PreId.Should().Be(Str("factory", "preId"));
        Body("step1", "request").Select(p => p.Key).Should().Equal("preId");
    }

    [Fact]
    public void Step2_server_side_hpke_values_are_reproduced_by_the_Protocol_HPKE()
    {
        var prePublicKey = Bytes("factory", "prePublicKey");
        var preId = KusabiId.Parse(Str("factory", "preId"));
        var info = ActivationCrypto.HpkeInfo(preId);
        using var ephemeral = DhKemX25519.DeriveKeyPair(Bytes("inputs", "hpkeIkmE"));

        info.Should().Equal(Bytes("step2", "hpkeInfo")).And.HaveCount(20 + 32);
        ephemeral.ExportPrivateKey().Should().Equal(Bytes("step2", "skE"));
        ephemeral.PublicKey.ToArray().Should().Equal(Bytes("step2", "pkE")).And.Equal(Bytes("step2", "enc"));

        var encapsulation = DhKemX25519.Encap(prePublicKey, ephemeral);
        encapsulation.EncapsulatedKey.Should().Equal(Bytes("step2", "enc"));
        encapsulation.SharedSecret.Should().Equal(Bytes("step2", "sharedSecret"));
        Bytes("step2", "kemContext").Should().Equal(Bytes("step2", "enc").Concat(prePublicKey));

        var schedule = HpkeKeySchedule.Base(HpkeAead.Aes256Gcm, encapsulation.SharedSecret, info);
        schedule.KeyScheduleContext.Should().Equal(Bytes("step2", "keyScheduleContext"));
        schedule.Secret.Should().Equal(Bytes("step2", "secret"));
        schedule.Key.Should().Equal(Bytes("step2", "key")).And.HaveCount(32);
        schedule.BaseNonce.Should().Equal(Bytes("step2", "baseNonce")).And.HaveCount(12);
        schedule.ExporterSecret.Should().Equal(Bytes("step2", "exporterSecret"));

        var grant = ActivationCrypto.SessionGrant(Bytes("inputs", "sessionId"), Bytes("inputs", "sessionKey"));
        grant.Should().Equal(Bytes("step2", "plaintext"));
        Bytes("step2", "aad").Should().BeEmpty();

        // The single-shot seal uses sequence number 0, i.e. the base nonce itself.
        AeadCipher.Seal(HpkeAead.Aes256Gcm, schedule.Key, schedule.BaseNonce, [], grant).Should().Equal(Bytes("step2", "sealed"));
        using var sender = Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, prePublicKey, info, ephemeral);
        sender.Seal([], grant).Should().Equal(Bytes("step2", "sealed"));
    }

    [Fact]
    public void Step2_device_opens_the_session_grant_with_its_pre_private_key()
    {
        var response = Deserialize<BeginActivationResponse>("step2", "response");
        using var preKey = X25519KeyPair.Import(Bytes("inputs", "prePrivateKey"));
        var info = ActivationCrypto.HpkeInfo(KusabiId.Parse(Str("step1", "request", "preId")));

        var enc = Base64Url.Decode(response.Enc);
        var sealedGrant = Base64Url.Decode(response.Sealed);
        enc.Should().Equal(Bytes("step2", "enc")).And.HaveCount(DhKemX25519.EncapsulatedKeySize);
        sealedGrant.Should().Equal(Bytes("step2", "sealed")).And.HaveCount(16 + 32 + AeadCipher.TagSize);
        response.ExpiresAt.Should().Be(ActivationTranscriptGenerator.ExampleExpiresAt);

        var grant = Hpke.OpenBase(ActivationCrypto.Aead, enc, preKey, info, [], sealedGrant);
        var (sessionId, sessionKey) = ActivationCrypto.ParseSessionGrant(grant);

        sessionId.Should().Equal(Bytes("inputs", "sessionId"));
        sessionKey.Should().Equal(Bytes("inputs", "sessionKey"));
    }

    [Fact]
    public void Step2_grant_is_bound_to_the_pre_id_and_to_the_pre_key()
    {
        using var preKey = X25519KeyPair.Import(Bytes("inputs", "prePrivateKey"));
        using var otherKey = X25519KeyPair.Generate();
        var otherInfo = ActivationCrypto.HpkeInfo(KusabiId.Create(KeyPurpose.Pre, preKey.PublicKey, new byte[16]));
        var info = Bytes("step2", "hpkeInfo");

        FluentActions.Invoking(() => Hpke.OpenBase(ActivationCrypto.Aead, Bytes("step2", "enc"), preKey, otherInfo, [], Bytes("step2", "sealed")))
            .Should().Throw<CryptoOpenException>();
        FluentActions.Invoking(() => Hpke.OpenBase(ActivationCrypto.Aead, Bytes("step2", "enc"), otherKey, info, [], Bytes("step2", "sealed")))
            .Should().Throw<CryptoOpenException>();
        FluentActions.Invoking(() => Hpke.OpenBase(ActivationCrypto.Aead, Bytes("step2", "enc"), preKey, info, "x"u8, Bytes("step2", "sealed")))
            .Should().Throw<CryptoOpenException>("the HPKE aad is empty");
    }

    [Fact]
    public void Step3_server_opens_the_act_key_request_with_SessionCipher()
    {
        var request = Deserialize<ActKeyRequest>("step3", "request");
        var sessionId = Base64Url.Decode(request.SessionId);
        var sealedRequest = Base64Url.Decode(request.Sealed);

        request.PreId.Should().Be(Str("factory", "preId"));
        sessionId.Should().Equal(Bytes("inputs", "sessionId"));
        request.SessionId.Should().HaveLength(22);
        sealedRequest.Should().Equal(Bytes("step3", "sealed")).And.HaveCount(SessionCipher.Overhead + ActivationCrypto.RequestNonceSize);
        sealedRequest[..SessionCipher.NonceSize].Should().Equal(Bytes("step3", "aesNonce"));

        var aad = ActivationCrypto.ActRequestAad(sessionId);
        aad.Should().Equal(Bytes("step3", "aad")).And.HaveCount(21 + 16);
        SessionCipher.Open(Bytes("inputs", "sessionKey"), sealedRequest, aad).Should()
            .Equal(Bytes("step3", "plaintext")).And.Equal(Bytes("inputs", "requestNonce"));

        FluentActions.Invoking(() => SessionCipher.Open(Bytes("inputs", "sessionKey"), sealedRequest, ActivationCrypto.ActRequestAad(new byte[16])))
            .Should().Throw<CryptoOpenException>("the request is bound to its session ID");
    }

    [Fact]
    public void Step4_device_opens_the_act_grant_and_rederives_the_act_key()
    {
        var response = Deserialize<ActKeyResponse>("step4", "response");
        var sessionKey = Bytes("inputs", "sessionKey");
        var sealedGrant = Base64Url.Decode(response.Sealed);
        var aad = ActivationCrypto.ActGrantAad(Bytes("inputs", "sessionId"), Bytes("inputs", "requestNonce"));

        sealedGrant.Should().Equal(Bytes("step4", "sealed")).And.HaveCount(SessionCipher.Overhead + 32 + 32);
        sealedGrant[..SessionCipher.NonceSize].Should().Equal(Bytes("step4", "aesNonce"));
        aad.Should().Equal(Bytes("step4", "aad")).And.HaveCount(19 + 16 + 16);

        var grant = SessionCipher.Open(sessionKey, sealedGrant, aad);
        grant.Should().Equal(Bytes("step4", "plaintext"));
        var (actId, actSeed) = ActivationCrypto.ParseActGrant(grant);
        actId.ToString().Should().Be(Str("step4", "actId"));
        actSeed.Should().Equal(Bytes("inputs", "actSeed"));

        using var actKey = Ed25519KeyPair.Import(actSeed);
        actKey.PublicKey.ToArray().Should().Equal(Bytes("step4", "actPublicKey"));

        // Only the server knows the act salt; a device checks the act ID against the chain record instead.
        KusabiId.Create(KeyPurpose.Act, actKey.PublicKey, Bytes("inputs", "actSalt")).Should().Be(actId);
        SHA256.HashData(Bytes("step4", "actIdPreimage")).Should().Equal(actId.ToArray());

        FluentActions.Invoking(() => SessionCipher.Open(
                sessionKey, sealedGrant, ActivationCrypto.ActGrantAad(Bytes("inputs", "sessionId"), new byte[16])))
            .Should().Throw<CryptoOpenException>("the grant answers exactly one request nonce");
    }

    [Fact]
    public void Step5_server_verifies_the_confirmation_signature()
    {
        var request = Deserialize<ConfirmActivationRequest>("step5", "request");
        var preId = KusabiId.Parse(request.PreId);
        var actId = KusabiId.Parse(request.ActId);
        var sessionId = Base64Url.Decode(request.SessionId);
        var signature = Base64Url.Decode(request.Signature);
        var actPublicKey = Bytes("step4", "actPublicKey");

        var transcript = ActivationCrypto.ConfirmTranscript(sessionId, preId, actId, actPublicKey);
        transcript.Should().Equal(Bytes("step5", "transcript")).And.HaveCount(21 + 16 + 32 + 32 + 32);
        signature.Should().Equal(Bytes("step5", "signature")).And.HaveCount(Ed25519KeyPair.SignatureSize);
        Ed25519Signer.Verify(actPublicKey, transcript, signature).Should().BeTrue();

        // Ed25519 is deterministic, so the device side reproduces the signature from the seed.
        Ed25519Signer.Sign(Bytes("inputs", "actSeed"), transcript).Should().Equal(signature);

        var otherPre = ActivationCrypto.ConfirmTranscript(sessionId, KusabiId.Parse(new string('0', 64)), actId, actPublicKey);
        Ed25519Signer.Verify(actPublicKey, otherPre, signature).Should().BeFalse();

        var response = Deserialize<ConfirmActivationResponse>("step5", "response");
        response.ActId.Should().Be(actId.ToString());
        response.State.Should().Be("active");
    }

    [Fact]
    public void The_fixed_nonce_form_has_the_SessionCipher_layout_both_ways()
    {
        var key = Bytes("inputs", "sessionKey");
        var nonce = Bytes("inputs", "requestAesNonce");
        var aad = Bytes("step3", "aad");
        var plaintext = Bytes("step3", "plaintext");

        var fixedNonce = ActivationTranscriptGenerator.FixedNonceSessionSeal(key, nonce, plaintext, aad);
        SessionCipher.Open(key, fixedNonce, aad).Should().Equal(plaintext);

        var random = SessionCipher.Seal(key, plaintext, aad);
        AeadCipher.Open(HpkeAead.Aes256Gcm, key, random[..SessionCipher.NonceSize], aad, random[SessionCipher.NonceSize..])
            .Should().Equal(plaintext);
    }

    [Fact]
    public void Every_wire_body_uses_camelCase_base64url_and_lower_case_hex_ids()
    {
        foreach (var (step, body) in AllBodies())
        {
            foreach (var (name, value) in Flatten(body))
            {
                name.Should().MatchRegex("^[a-z][A-Za-z]*$", "{0} field names are camelCase", step);
                if (name is "preId" or "actId" or "id" or "deviceRef")
                {
                    value.Should().MatchRegex("^[0-9a-f]{64}$", "{0}.{1} is a kusabi-ID or device ref", step, name);
                }
                else if (name is "enc" or "sealed" or "sessionId" or "signature" or "publicKey")
                {
                    Base64Url.TryDecode(value, out _).Should().BeTrue("{0}.{1} is unpadded base64url", step, name);
                }
            }
        }
    }

    private static bool WriteMode => ActivationTranscriptVector.WriteMode;

    private static byte[] Bytes(string section, string name) => Convert.FromHexString(Str(section, name));

    private static string Str(string section, string name) => _v[section]![name]!.GetValue<string>();

    private static string Str(string section, string body, string name) => _v[section]![body]![name]!.GetValue<string>();

    private static JsonObject Body(string section, string name) => _v[section]![name]!.AsObject();

    private static T Deserialize<T>(string section, string name) =>
        Body(section, name).Deserialize<T>(ActivationTranscriptGenerator.WireJson)
        ?? throw new InvalidDataException($"{section}.{name} is null.");

    private static IEnumerable<(string Step, JsonObject Body)> AllBodies() =>
        _v.Where(p => p.Value is JsonObject)
            .SelectMany(p => p.Value!.AsObject()
                .Where(b => b.Key is "request" or "response")
                .Select(b => ($"{p.Key}.{b.Key}", b.Value!.AsObject())));

    private static IEnumerable<(string Name, string Value)> Flatten(JsonNode node, string name = "")
    {
        switch (node)
        {
            case JsonObject obj:
                return obj.SelectMany(p => Flatten(p.Value!, p.Key));
            case JsonArray array:
                return array.SelectMany(item => Flatten(item!, name));
            default:
                return node.GetValueKind() == JsonValueKind.String ? [(name, node.GetValue<string>())] : [(name, node.ToJsonString())];
        }
    }
}
