using System.Net.Http.Json;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Updates;
using Kusabi.Silo.Chain;
using Kusabi.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class DeviceUpdateTests(SiloFixture silo)
{
    private IGrainFactory Grains => silo.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_deployed_release_reaches_the_device_with_its_anchor_and_a_truthful_inventory_is_compliant()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        var (artifact, manifest) = await kit.ReleaseAsync(3);
        using var device = await ActiveDeviceAsync();
        (await device.PollAsync()).Assignment.Should().BeNull();

        var deployment = await kit.DeployAsync(3, [device]);
        var assignment = (await device.PollAsync()).Assignment!;
        await device.ReportAsync(assignment.DeploymentId, UpdateStates.Downloading);
        var download = await device.SendAsync(device.Signed(HttpMethod.Get, assignment.ArtifactUrl));
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(artifact);
        await device.ReportAsync(assignment.DeploymentId, UpdateStates.Installed);
        var verdict = await (await device.SendInventoryAsync(await device.InventoryNonceAsync(), UpdateFlowSupport.InventoryOf(device, manifest)))
            .Content.ReadFromJsonAsync<InventoryVerdict>();

        assignment.Anchor.Version.Should().Be(3);
        assignment.Anchor.ManifestHash.Should().Be(Convert.ToHexStringLower(ReleaseSigning.ManifestHash(UpdateFlowSupport.Decode(assignment.Release.Manifest))));
        assignment.ArtKey.Status.Should().Be("Active");
        verdict!.Compliant.Should().BeTrue();
        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).State == DeploymentState.Completed, TimeSpan.FromSeconds(10), "the deployment to complete");
        (await kit.ProgressAsync(deployment.Id)).Counts["installed"].Should().Be(1);
        (await device.PollAsync()).Assignment.Should().BeNull();
    }

    [Fact]
    public async Task An_inventory_that_differs_quarantines_the_device_and_shows_the_difference()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        var (_, manifest) = await kit.ReleaseAsync(1);
        using var device = await ActiveDeviceAsync();
        var deployment = await kit.DeployAsync(1, [device]);
        await device.ReportAsync(deployment.Id, UpdateStates.Installed);
        var inventory = UpdateFlowSupport.InventoryOf(device, manifest);
        inventory["firmware.sha256"] = new string('0', 64);
        inventory["backdoor"] = "1.0";

        var verdict = await (await device.SendInventoryAsync(await device.InventoryNonceAsync(), inventory)).Content.ReadFromJsonAsync<InventoryVerdict>();

        verdict!.Compliant.Should().BeFalse();
        verdict.Quarantined.Should().BeTrue();
        verdict.Differences.Select(d => d.Item).Should().BeEquivalentTo(["firmware.sha256", "backdoor"]);
        var view = await Grains.GetGrain<IDeviceGrain>(device.Device.ToString()).GetView();
        view.Quarantined.Should().BeTrue();
        view.LastInventoryDiff.Should().HaveCount(2);
        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).Counts["mismatched"] == 1, TimeSpan.FromSeconds(10), "the mismatch to be counted");
    }

    [Fact]
    public async Task A_replayed_inventory_is_refused_and_changes_nothing()
    {
        using var device = await ActiveDeviceAsync();
        var nonce = await device.InventoryNonceAsync();
        var inventory = new Dictionary<string, string> { ["act-key"] = device.ActId.ToString() };
        (await device.SendInventoryAsync(nonce, inventory)).EnsureSuccessStatusCode();
        var before = await Grains.GetGrain<IDeviceGrain>(device.Device.ToString()).GetView();

        await (await device.SendInventoryAsync(nonce, inventory)).ShouldBeProblemAsync(409, ProblemCodes.ReplayedRequest);

        (await Grains.GetGrain<IDeviceGrain>(device.Device.ToString()).GetView()).LastInventoryAt.Should().Be(before.LastInventoryAt);
    }

    [Fact]
    public async Task A_rollout_halts_when_a_wave_fails_and_the_next_wave_is_never_assigned()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(2);
        var devices = new List<RawDevice>();
        for (var i = 0; i < 4; i++) devices.Add(await ActiveDeviceAsync());

        var deployment = await kit.DeployAsync(2, devices, waveSize: 2, threshold: 0, attempts: 1);
        await devices[0].ReportAsync(deployment.Id, UpdateStates.Failed);

        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).State == DeploymentState.Halted, TimeSpan.FromSeconds(10), "the halt");
        var progress = await kit.ProgressAsync(deployment.Id);
        progress.HaltReason.Should().Contain("wave 1");
        (await devices[1].PollAsync()).Assignment.Should().BeNull("the halt withdrew the undelivered assignment");
        (await devices[2].PollAsync()).Assignment.Should().BeNull("the second wave never started");
        devices.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task A_failed_device_is_assigned_again_until_its_attempts_run_out()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(2);
        using var device = await ActiveDeviceAsync();
        var deployment = await kit.DeployAsync(2, [device], attempts: 2, threshold: 50);

        await device.ReportAsync(deployment.Id, UpdateStates.Failed);

        await Eventually.TrueAsync(async () => (await device.PollAsync()).Assignment is not null, TimeSpan.FromSeconds(10), "the retry assignment");
        await device.ReportAsync(deployment.Id, UpdateStates.Installed);
        await Eventually.TrueAsync(async () => (await kit.ProgressAsync(deployment.Id)).State == DeploymentState.Completed, TimeSpan.FromSeconds(10), "completion");
    }

    [Fact]
    public async Task A_deployment_of_an_unknown_release_is_refused()
    {
        using var kit = new ReleaseKit(silo);
        using var device = await ActiveDeviceAsync();
        var response = await kit.OperatorAsync(HttpMethod.Post, "/v1/operator/deployments",
            JsonContent.Create(new { product = kit.Product, version = 9, devices = new[] { device.Device.ToString() } }));
        await response.ShouldBeProblemAsync(404, ProblemCodes.UnknownRelease);
    }

    private async Task<RawDevice> ActiveDeviceAsync()
    {
        var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        return device;
    }
}
