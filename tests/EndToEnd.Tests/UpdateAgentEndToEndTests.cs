using System.Net.Http.Json;
using System.Text.Json;
using Kusabi.Chain.Model;
using Kusabi.DeviceClient.Device;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Silo.Chain;
using Kusabi.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

/// <summary>The real device update agent against the real silo and chain, over HTTP.</summary>
[Collection(SiloCollection.Name)]
public sealed class UpdateAgentEndToEndTests(SiloFixture silo)
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(15);

    private ChainRuntime Chain => silo.Services.GetRequiredService<ChainRuntime>();

    [Fact]
    public async Task The_agent_installs_a_good_release_and_its_inventory_is_compliant()
    {
        using var kit = await KitAsync();
        var (artifact, _) = await kit.ReleaseAsync(1);
        using var device = await AgentAsync(kit);
        var deployment = await kit.DeployAsync(1, [device.Raw]);

        var run = await device.PollOnceAsync();

        run.Attempts.Should().ContainSingle().Which.Outcome.Should().Be(UpdateOutcome.Installed);
        run.LastVerdict!.Compliant.Should().BeTrue();
        device.Firmware.Running.Version.Should().Be(1UL);
        device.Firmware.ReadImage().Should().Equal(artifact);
        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).State == DeploymentState.Completed, s_limit, "the deployment to complete");
        (await kit.ProgressAsync(deployment.Id)).Counts["installed"].Should().Be(1);
    }

    [Fact]
    public async Task An_artifact_altered_in_the_store_is_refused_reported_failed_and_not_installed()
    {
        using var kit = await KitAsync();
        var (artifact, _) = await kit.ReleaseAsync(1);
        var stored = StoredArtifact(artifact);
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[100] ^= 0x01;
        await File.WriteAllBytesAsync(stored, bytes);
        using var device = await AgentAsync(kit);
        var deployment = await kit.DeployAsync(1, [device.Raw], threshold: 100, attempts: 1);

        var run = await device.PollOnceAsync();

        run.Attempts.Single().Should().Match<UpdateAttempt>(a => a.Outcome == UpdateOutcome.Refused && a.Code == UpdateRefusals.ArtifactHashMismatch);
        device.Firmware.Installs.Should().Be(0);
        device.Firmware.Running.Version.Should().Be(0UL);
        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).Counts["failed"] == 1, s_limit, "the failure to be counted");
        (await device.Raw.PollAsync()).Assignment.Should().BeNull("a release the device refused is not offered to it again");
    }

    [Fact]
    public async Task A_truncated_artifact_is_refused_and_not_installed()
    {
        using var kit = await KitAsync();
        var (artifact, _) = await kit.ReleaseAsync(1);
        await using (var file = File.OpenWrite(StoredArtifact(artifact))) file.SetLength(artifact.Length / 2);
        using var device = await AgentAsync(kit);
        await kit.DeployAsync(1, [device.Raw], threshold: 100, attempts: 1);

        var run = await device.PollOnceAsync();

        run.Attempts.Single().Code.Should().Be(UpdateRefusals.ArtifactTruncated);
        device.Firmware.Installs.Should().Be(0);
    }

    [Fact]
    public async Task A_release_whose_art_key_was_revoked_after_assignment_is_refused_by_the_device()
    {
        using var kit = await KitAsync();
        await kit.ReleaseAsync(1);
        using var device = await AgentAsync(kit);
        await kit.DeployAsync(1, [device.Raw], threshold: 100, attempts: 1);
        await Chain.Gateway.RevokeAsync(kit.ArtId, RevocationReason.Compromised);

        var run = await device.PollOnceAsync();

        run.Attempts.Single().Code.Should().Be(UpdateRefusals.ArtKeyStatus);
        device.Firmware.Installs.Should().Be(0);
    }

    [Fact]
    public async Task A_deployment_of_a_release_whose_art_key_was_revoked_is_refused()
    {
        using var kit = await KitAsync();
        await kit.ReleaseAsync(1);
        using var device = await ActiveDeviceAsync();
        await Chain.Gateway.RevokeAsync(kit.ArtId, RevocationReason.Compromised);

        var response = await kit.OperatorAsync(HttpMethod.Post, "/v1/operator/deployments",
            JsonContent.Create(new { product = kit.Product, version = 1, devices = new[] { device.Device.ToString() } }));

        await response.ShouldBeProblemAsync(403, ProblemCodes.KeyRevoked);
        (await device.PollAsync()).Assignment.Should().BeNull();
    }

    [Fact]
    public async Task An_older_release_assigned_after_a_newer_one_is_refused_and_the_newer_keeps_running()
    {
        using var kit = await KitAsync();
        await kit.ReleaseAsync(1);
        await kit.ReleaseAsync(2);
        using var device = await AgentAsync(kit);
        await kit.DeployAsync(2, [device.Raw]);
        (await device.PollOnceAsync()).Attempts.Single().Outcome.Should().Be(UpdateOutcome.Installed);
        await kit.DeployAsync(1, [device.Raw], threshold: 100, attempts: 1);

        var run = await device.PollOnceAsync();

        run.Attempts.Single().Should().Match<UpdateAttempt>(a => a.Outcome == UpdateOutcome.Refused && a.Code == UpdateRefusals.AnchorMismatch);
        device.Firmware.Running.Version.Should().Be(2UL);
        device.Firmware.Installs.Should().Be(1);
    }

    [Fact]
    public async Task An_inventory_request_captured_from_the_agent_and_sent_again_is_refused()
    {
        using var kit = await KitAsync();
        await kit.ReleaseAsync(1);
        using var device = await AgentAsync(kit);
        await kit.DeployAsync(1, [device.Raw]);
        (await device.PollOnceAsync()).LastVerdict!.Compliant.Should().BeTrue();
        var captured = device.Recorder.Requests.Single(r => r.Uri.AbsolutePath == "/v1/device/inventory");

        var replay = await silo.Http.SendAsync(device.Recorder.Replay(captured));

        await replay.ShouldBeProblemAsync(409, ProblemCodes.ReplayedRequest);
    }

    [Fact]
    public async Task A_device_reporting_an_unexpected_inventory_is_quarantined_and_operators_see_the_difference()
    {
        using var kit = await KitAsync();
        await kit.ReleaseAsync(1);
        using var device = await AgentAsync(kit);
        device.Firmware.ExtraInventory["debug.shell"] = "enabled";
        var deployment = await kit.DeployAsync(1, [device.Raw]);

        var run = await device.PollOnceAsync();

        run.LastVerdict!.Should().Match<Kusabi.Protocol.Updates.InventoryVerdict>(v => !v.Compliant && v.Quarantined);
        using var detail = JsonDocument.Parse(await (await kit.OperatorAsync(HttpMethod.Get, $"/v1/operator/devices/{device.Raw.Device}")).Content.ReadAsStringAsync());
        var view = detail.RootElement.GetProperty("device");
        view.GetProperty("quarantined").GetBoolean().Should().BeTrue();
        var diff = view.GetProperty("lastInventoryDiff").EnumerateArray().Single();
        (diff.GetProperty("item").GetString(), diff.GetProperty("reported").GetString()).Should().Be(("debug.shell", "enabled"));
        view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Contain("inventory-mismatch");
        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).Counts["mismatched"] == 1, s_limit, "the mismatch to be counted");
    }

    [Fact]
    public async Task After_a_wave_fails_past_the_threshold_a_device_of_the_next_wave_is_offered_nothing()
    {
        using var kit = await KitAsync();
        await kit.ReleaseAsync(1);
        var devices = new List<AgentDevice>();
        for (var i = 0; i < 4; i++) devices.Add(await AgentAsync(kit, hardware: i == 0 ? "hw2" : "hw1"));
        var deployment = await kit.DeployAsync(1, devices.Select(d => d.Raw), waveSize: 2, threshold: 0, attempts: 1);

        (await devices[0].PollOnceAsync()).Attempts.Single().Code.Should().Be(UpdateRefusals.HardwareMismatch);
        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).State == DeploymentState.Halted, s_limit, "the halt");
        var nextWave = await devices[2].PollOnceAsync();

        nextWave.Attempts.Should().BeEmpty();
        devices[2].Firmware.Installs.Should().Be(0);
        (await devices[1].PollOnceAsync()).Attempts.Should().BeEmpty("the halt withdrew the undelivered assignment of the first wave");
        devices.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task A_device_reading_the_chain_refuses_a_revoked_art_key_the_server_relays_as_active()
    {
        using var kit = await KitAsync();
        await kit.ReleaseAsync(1);
        using var chain = new RegistryReleaseChain(new Uri(silo.Anvil.Node.RpcUrl), silo.ContractAddress, silo.Anvil.Node.ChainId);
        using var device = await AgentAsync(kit, chain: chain, between: new PollAnswerRewriter(a => a["artKey"]!["status"] = "Active"));
        await kit.DeployAsync(1, [device.Raw], threshold: 100, attempts: 1);
        await Chain.Gateway.RevokeAsync(kit.ArtId, RevocationReason.Compromised);

        var run = await device.PollOnceAsync();

        run.Attempts.Single().Code.Should().Be(UpdateRefusals.ArtKeyStatus);
        device.Firmware.Installs.Should().Be(0);
    }

    private string StoredArtifact(byte[] artifact) => Path.Combine(silo.DataDirectory, "artifacts", ReleaseKit.Sha256(artifact));

    private async Task<ReleaseKit> KitAsync()
    {
        var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        return kit;
    }

    private async Task<RawDevice> ActiveDeviceAsync()
    {
        var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        return device;
    }

    private async Task<AgentDevice> AgentAsync(ReleaseKit kit, string hardware = "hw1", IReleaseChain? chain = null, DelegatingHandler? between = null) =>
        new(silo, await ActiveDeviceAsync(), kit.Product, hardware, chain, between);
}
