using System.Net;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Operator;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Tests;

/// <summary>Every check of the agent: a refused release is reported "failed" with its reason, and nothing is installed.</summary>
public sealed class UpdateRefusalTests
{
    private readonly FakeUpdateServer _server = new();
    private readonly ArtKey _artKey = ArtKey.Generate();
    private readonly byte[] _artifact = TestDevices.Artifact(size: 200_000);
    private readonly DeviceBundle _bundle;
    private readonly SimulatedFirmware _firmware = SimulatedFirmware.InMemory(TestDevices.Product, TestDevices.Hardware);

    public UpdateRefusalTests()
    {
        var (bundle, actPublicKey) = TestDevices.Activated();
        _bundle = bundle;
        _server.AddDevice(bundle, actPublicKey);
    }

    [Fact]
    public async Task A_tampered_artifact()
    {
        var tampered = _artifact.ToArray();
        tampered[1234] ^= 1;
        ServeArtifact(() => new ByteArrayContent(tampered));

        await ExpectRefusalAsync(Good(), UpdateRefusals.ArtifactHashMismatch, "hashes to");
    }

    [Fact]
    public async Task A_truncated_artifact_announced_short()
    {
        ServeArtifact(() => new ByteArrayContent(_artifact[..^10]));

        await ExpectRefusalAsync(Good(), UpdateRefusals.ArtifactTruncated, "announces 199990 bytes");
    }

    [Fact]
    public async Task A_truncated_artifact_stream()
    {
        ServeArtifact(() => new StreamContent(new UnsizedStream(_artifact[..^10])));

        await ExpectRefusalAsync(Good(), UpdateRefusals.ArtifactTruncated, "ended after 199990 of");
    }

    [Fact]
    public async Task An_oversized_stream_is_cut_off_one_byte_past_the_bound()
    {
        var stream = new UnsizedStream([.. _artifact, .. new byte[5_000_000]]);
        ServeArtifact(() => new StreamContent(stream));

        await ExpectRefusalAsync(Good(), UpdateRefusals.ArtifactOversized, "past the manifest's 200000 bytes");
        stream.Served.Should().BeLessThanOrEqualTo(_artifact.Length + 1);
    }

    [Fact]
    public async Task An_oversized_artifact_announced_long()
    {
        ServeArtifact(() => new ByteArrayContent([.. _artifact, 0]));

        await ExpectRefusalAsync(Good(), UpdateRefusals.ArtifactOversized, "announces 200001 bytes");
    }

    [Fact]
    public async Task A_bad_signature()
    {
        var good = Good();
        var other = ArtKey.Generate();
        var forged = ReleaseBuilder.Sign(other, TestDevices.Product, TestDevices.Hardware, 2, ArtifactDigest.Of(_artifact)).Signature;

        await ExpectRefusalAsync(Reanchored(good with { Release = good.Release with { Signature = forged } }), UpdateRefusals.SignatureInvalid, "does not verify");
    }

    [Theory]
    [InlineData("Art", "Revoked", UpdateRefusals.ArtKeyStatus)]
    [InlineData("Act", "Active", UpdateRefusals.ArtKeyPurpose)]
    [InlineData("Pre", "Active", UpdateRefusals.ArtKeyPurpose)]
    public async Task An_art_key_that_is_not_an_active_art_key(string purpose, string status, string code)
    {
        var good = Good();

        await ExpectRefusalAsync(good with { ArtKey = good.ArtKey with { Purpose = purpose, Status = status } }, code, $"'{(code == UpdateRefusals.ArtKeyStatus ? status : purpose)}'");
    }

    [Fact]
    public async Task An_art_key_other_than_the_one_the_manifest_names()
    {
        var good = Good();
        var other = ArtKey.Generate();

        await ExpectRefusalAsync(good with { ArtKey = good.ArtKey with { Id = other.Id.ToString(), PublicKey = Base64Url.Encode(other.PublicKey) } }, UpdateRefusals.ArtKeyMismatch, "signed by art key");
    }

    [Fact]
    public async Task A_manifest_that_is_not_the_anchored_one()
    {
        var good = Good();
        var otherManifest = Hex.Encode(ReleaseSigning.ManifestHash("another manifest"u8));

        await ExpectRefusalAsync(good with { Anchor = good.Anchor with { ManifestHash = otherManifest } }, UpdateRefusals.AnchorMismatch, "the chain anchors");
    }

    [Fact]
    public async Task A_signed_release_older_than_the_newest_anchored_one()
    {
        var good = Good();

        await ExpectRefusalAsync(good with { Anchor = good.Anchor with { Version = 3 } }, UpdateRefusals.NotNewest, "newest anchored version of thermostat is 3");
    }

    [Fact]
    public async Task A_downgrade()
    {
        var v5 = TestDevices.Assignment(_artKey, _artifact, version: 5);
        _server.Assign(_bundle, v5, _artifact);
        (await Agent().RunAsync(3, CancellationToken.None)).UpdatedAndCompliant.Should().BeTrue();

        var older = TestDevices.Artifact(size: 1000, seed: 2);
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, older, version: 4, deploymentId: "dep-2"), older);
        var run = await Agent().RunAsync(3, CancellationToken.None);

        AssertRefused(run, UpdateRefusals.Downgrade, "runs version 5", installsBefore: 1);
        _firmware.Running.Version.Should().Be(5UL);
        _firmware.ReadImage().Should().Equal(_artifact);
    }

    [Theory]
    [InlineData("oven", TestDevices.Hardware, UpdateRefusals.ProductMismatch, "product 'oven'")]
    [InlineData(TestDevices.Product, "board-b", UpdateRefusals.HardwareMismatch, "hardware 'board-b'")]
    public async Task A_release_for_another_product_or_hardware(string product, string hardware, string code, string detail)
    {
        await ExpectRefusalAsync(TestDevices.Assignment(_artKey, _artifact, product: product, hardware: hardware), code, detail);
    }

    [Fact]
    public async Task A_manifest_that_does_not_parse()
    {
        var good = Good();

        await ExpectRefusalAsync(good with { Release = good.Release with { Manifest = "not base64url!" } }, UpdateRefusals.ManifestInvalid, "base64url");
    }

    [Fact]
    public async Task An_artifact_the_server_does_not_have()
    {
        _server.Intercept = request => IsArtifact(request) ? FakeHandler.Problem(404, "unknown-artifact", "gone") : null;

        await ExpectRefusalAsync(Good(), UpdateRefusals.ArtifactUnavailable, "answered 404 unknown-artifact");
    }

    [Fact]
    public async Task An_artifact_url_on_another_host()
    {
        var good = Good();

        await ExpectRefusalAsync(good with { ArtifactUrl = "https://evil.example/v1/device/artifacts/x" }, UpdateRefusals.ArtifactUnavailable, "not on the server");
        _server.Requests.Should().NotContain(r => r.Request.RequestUri!.Host == "evil.example");
    }

    private UpdateAssignment Good() => TestDevices.Assignment(_artKey, _artifact, version: 2);

    /// <summary>What a server relays for a release whose anchor matches it (so only the signature is wrong).</summary>
    private UpdateAssignment Reanchored(UpdateAssignment assignment)
    {
        var bytes = Base64Url.Decode(assignment.Release.Manifest);
        return assignment with { Anchor = new ReleaseAnchor(assignment.Anchor.Version, Hex.Encode(ReleaseSigning.ManifestHash(bytes))) };
    }

    private async Task ExpectRefusalAsync(UpdateAssignment assignment, string code, string detail)
    {
        _server.Assign(_bundle, assignment, _artifact);

        var run = await Agent().RunAsync(3, CancellationToken.None);

        AssertRefused(run, code, detail, installsBefore: 0);
        _firmware.Running.Version.Should().Be(0UL);
        _firmware.ReadImage().Should().BeNull();
    }

    private void AssertRefused(UpdateAgentRun run, string code, string detail, int installsBefore)
    {
        var attempt = run.Attempts.Should().ContainSingle().Which;
        attempt.Outcome.Should().Be(UpdateOutcome.Refused);
        attempt.Code.Should().Be(code);
        attempt.Detail.Should().Contain(detail);
        var failed = _server.Reports.Last().Report;
        failed.State.Should().Be(UpdateStates.Failed);
        failed.Detail.Should().StartWith(code + ": ").And.Contain(detail);
        _firmware.Installs.Should().Be(installsBefore);
        _server.Inventories.Should().HaveCount(installsBefore);
    }

    private void ServeArtifact(Func<HttpContent> content) =>
        _server.Intercept = request => IsArtifact(request) ? new HttpResponseMessage(HttpStatusCode.OK) { Content = content() } : null;

    private static bool IsArtifact(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.StartsWith("/v1/device/artifacts/", StringComparison.Ordinal);

    private UpdateAgent Agent() =>
        new(new DeviceApiClient(new KusabiApiClient(new HttpClient(_server), Api.Server, new KusabiApiOptions { Retry = Api.FastRetry }), _bundle),
            _firmware, new UpdateAgentOptions { Time = new InstantTimeProvider(), StopAfterUpdate = true });

    /// <summary>A stream of unknown length (no Content-Length), counting what it served.</summary>
    private sealed class UnsizedStream(byte[] bytes) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, bytes.Length - Served);
            Array.Copy(bytes, Served, buffer, offset, n);
            Served += n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
