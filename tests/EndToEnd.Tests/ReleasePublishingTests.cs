using System.Net.Http.Json;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Updates;
using Kusabi.Silo.Chain;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class ReleasePublishingTests(SiloFixture silo)
{
    private ChainRuntime Chain => silo.Services.GetRequiredService<ChainRuntime>();

    [Fact]
    public async Task A_signed_release_is_anchored_on_chain_with_its_version_and_manifest_hash()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        var artifact = ReleaseKit.Artifact();
        (await kit.UploadAsync(artifact)).EnsureSuccessStatusCode();
        var release = ReleaseSigning.Sign(kit.Manifest(artifact, 7), kit.ArtKey);

        (await kit.PublishAsync(release)).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);

        var anchor = await Chain.Reader.GetLatestReleaseAsync(ReleaseSigning.ProductKey(kit.Product));
        anchor.Version.Should().Be(7);
        anchor.ManifestHash.Should().Equal(ReleaseSigning.ManifestHash(Protocol.Encoding.Base64Url.Decode(release.Manifest)));
        anchor.ArtKeyId.Should().Equal(kit.ArtId.ToArray());
    }

    [Fact]
    public async Task An_artifact_whose_bytes_do_not_match_its_hash_is_refused_and_not_stored()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        var artifact = ReleaseKit.Artifact();
        var tampered = artifact.ToArray();
        tampered[10] ^= 0xff;

        await (await kit.UploadAsync(tampered, ReleaseKit.Sha256(artifact))).ShouldBeProblemAsync(400, ProblemCodes.ArtifactMismatch);
        await (await kit.PublishAsync(ReleaseSigning.Sign(kit.Manifest(artifact, 1), kit.ArtKey))).ShouldBeProblemAsync(409, ProblemCodes.ArtifactMissing);
    }

    [Fact]
    public async Task A_release_signed_with_a_device_act_key_is_refused_as_wrong_purpose()
    {
        using var kit = new ReleaseKit(silo);
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        var artifact = ReleaseKit.Artifact();
        (await kit.UploadAsync(artifact)).EnsureSuccessStatusCode();

        var release = ReleaseSigning.Sign(kit.Manifest(artifact, 1, device.ActId), device.ActKey!);

        await (await kit.PublishAsync(release)).ShouldBeProblemAsync(422, ProblemCodes.WrongKeyPurpose);
    }

    [Fact]
    public async Task A_release_signed_with_a_revoked_art_key_is_refused()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        await Chain.Gateway.RevokeAsync(kit.ArtId, RevocationReason.Compromised);
        var artifact = ReleaseKit.Artifact();
        (await kit.UploadAsync(artifact)).EnsureSuccessStatusCode();

        await (await kit.PublishAsync(ReleaseSigning.Sign(kit.Manifest(artifact, 1), kit.ArtKey))).ShouldBeProblemAsync(403, ProblemCodes.KeyRevoked);
    }

    [Fact]
    public async Task A_release_with_a_signature_from_another_key_is_refused()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        using var stranger = Ed25519KeyPair.Generate();
        var artifact = ReleaseKit.Artifact();
        (await kit.UploadAsync(artifact)).EnsureSuccessStatusCode();

        await (await kit.PublishAsync(ReleaseSigning.Sign(kit.Manifest(artifact, 1), stranger))).ShouldBeProblemAsync(400, ProblemCodes.InvalidSignature);
    }

    [Fact]
    public async Task A_release_not_above_the_anchored_version_is_refused_and_the_anchor_stays()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(5);
        var older = ReleaseKit.Artifact();
        (await kit.UploadAsync(older)).EnsureSuccessStatusCode();

        await (await kit.PublishAsync(ReleaseSigning.Sign(kit.Manifest(older, 4), kit.ArtKey))).ShouldBeProblemAsync(409, ProblemCodes.VersionNotIncreasing);

        (await Chain.Reader.GetLatestReleaseAsync(ReleaseSigning.ProductKey(kit.Product))).Version.Should().Be(5);
    }

    [Fact]
    public async Task Operator_endpoints_refuse_a_missing_credential_and_a_viewer()
    {
        var anonymous = await silo.Http.PostAsJsonAsync("/v1/operator/art-keys", new { id = "x", publicKey = "y" });
        await anonymous.ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/operator/art-keys") { Content = JsonContent.Create(new { id = "x", publicKey = "y" }) };
        request.Headers.Authorization = new("Bearer", silo.ViewerToken);
        await (await silo.Http.SendAsync(request)).ShouldBeProblemAsync(403, ProblemCodes.Forbidden);
    }
}
