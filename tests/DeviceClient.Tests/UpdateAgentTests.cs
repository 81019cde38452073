using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Operator;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Tests;

public sealed class UpdateAgentTests
{
    private readonly FakeUpdateServer _server = new();
    private readonly ArtKey _artKey = ArtKey.Generate();
    private readonly byte[] _artifact = TestDevices.Artifact();
    private readonly DeviceBundle _bundle;
    private readonly InstantTimeProvider _time = new();

    public UpdateAgentTests()
    {
        var (bundle, actPublicKey) = TestDevices.Activated();
        _bundle = bundle;
        _server.AddDevice(bundle, actPublicKey);
    }

    public SimulatedFirmware Firmware { get; } = SimulatedFirmware.InMemory(TestDevices.Product, TestDevices.Hardware);

    [Fact]
    public async Task Installs_a_good_release_reboots_into_it_and_sends_a_compliant_inventory()
    {
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, _artifact, version: 2), _artifact);
        var events = new List<UpdateEvent>();

        var run = await Agent(events).RunAsync(5, CancellationToken.None);

        run.UpdatedAndCompliant.Should().BeTrue();
        run.Polls.Should().Be(1, "the agent stops once the update is installed and inventoried");
        run.Attempts.Should().ContainSingle().Which.Outcome.Should().Be(UpdateOutcome.Installed);
        Firmware.Running.Version.Should().Be(2UL);
        Firmware.Running.ArtifactSha256.Should().Be(ArtifactDigest.Of(_artifact).Sha256);
        Firmware.ReadImage().Should().Equal(_artifact);
        _server.Reports.Select(r => r.Report.State).Should().Equal(UpdateStates.Downloading, UpdateStates.Installed);
        var inventory = _server.Inventories.Should().ContainSingle().Which.Report.Inventory;
        inventory.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            [InventoryItems.FirmwareProduct] = TestDevices.Product,
            [InventoryItems.FirmwareVersion] = "2",
            [InventoryItems.FirmwareSha256] = ArtifactDigest.Of(_artifact).Sha256,
            [InventoryItems.ActKey] = _bundle.ActId!.Value.ToString(),
        });
        events.Select(e => e.Step).Should().ContainInOrder("assignment", "report", "verify", "download", "install", "reboot", "report", "inventory");
        _server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unexpected_inventory_item_is_reported_and_found_not_compliant()
    {
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, _artifact), _artifact);
        Firmware.ExtraInventory["debug.shell"] = "enabled";

        var run = await Agent().RunAsync(5, CancellationToken.None);

        run.Attempts.Single().Outcome.Should().Be(UpdateOutcome.Installed);
        run.UpdatedAndCompliant.Should().BeFalse();
        run.LastVerdict!.Differences.Should().ContainSingle(d => d.Item == "debug.shell" && d.Reported == "enabled" && d.Expected == null);
    }

    [Fact]
    public async Task A_wrong_inventory_value_is_a_mismatch()
    {
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, _artifact), _artifact);
        Firmware.ExtraInventory[InventoryItems.FirmwareVersion] = "1";

        var run = await Agent().RunAsync(5, CancellationToken.None);

        run.LastVerdict!.Differences.Should().ContainSingle(d => d.Item == InventoryItems.FirmwareVersion && d.Expected == "2" && d.Reported == "1");
    }

    [Fact]
    public async Task The_same_release_assigned_again_is_reported_installed_without_reinstalling()
    {
        var assignment = TestDevices.Assignment(_artKey, _artifact);
        _server.Assign(_bundle, assignment, _artifact);
        var agent = Agent();
        await agent.RunAsync(5, CancellationToken.None);
        _server.Assign(_bundle, assignment, _artifact);

        var again = await agent.RunAsync(5, CancellationToken.None);

        again.Attempts.Single().Outcome.Should().Be(UpdateOutcome.AlreadyInstalled);
        Firmware.Installs.Should().Be(1);
        _server.Reports.Select(r => r.Report.State).Should().EndWith(UpdateStates.Installed);
    }

    [Fact]
    public async Task Waits_follow_the_servers_poll_interval_held_to_one_second_and_one_hour()
    {
        _server.PollAfterSeconds = 0;
        var run = await Agent().RunAsync(3, CancellationToken.None);
        _server.PollAfterSeconds = 99_999;
        var later = await Agent().RunAsync(2, CancellationToken.None);

        run.Waits.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        later.Waits.Should().Equal(TimeSpan.FromHours(1));
        _time.Waits.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        run.Polls.Should().Be(3);
    }

    [Fact]
    public async Task A_broken_artifact_download_is_not_reported_failed_and_is_retried_on_the_next_poll()
    {
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, _artifact), _artifact);
        var calls = 0;
        _server.Intercept = request => request.RequestUri!.AbsolutePath.StartsWith("/v1/device/artifacts/", StringComparison.Ordinal) && Interlocked.Increment(ref calls) <= 4
            ? FakeHandler.Problem(503, "unavailable", "busy")
            : null;

        var run = await Agent().RunAsync(5, CancellationToken.None);

        run.Attempts.Select(a => a.Outcome).Should().Equal(UpdateOutcome.Interrupted, UpdateOutcome.Installed);
        _server.Reports.Select(r => r.Report.State).Should().NotContain(UpdateStates.Failed);
        run.UpdatedAndCompliant.Should().BeTrue();
    }

    [Fact]
    public async Task Installs_into_a_file_store_that_a_new_process_reads_back()
    {
        using var folder = new TempFolder();
        var statePath = SimulatedFirmware.StatePathFor(folder.File("device.json"));
        var firmware = SimulatedFirmware.Open(statePath, TestDevices.Product, TestDevices.Hardware);
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, _artifact, version: 7), _artifact);

        var run = await new UpdateAgent(Device(), firmware, new UpdateAgentOptions { Time = _time, StopAfterUpdate = true }).RunAsync(3, CancellationToken.None);

        run.UpdatedAndCompliant.Should().BeTrue();
        var reopened = SimulatedFirmware.Open(statePath, null, null);
        reopened.Running.Version.Should().Be(7UL);
        reopened.ReadImage().Should().Equal(_artifact);
        Directory.GetFiles(folder.Path, "*.staging", SearchOption.AllDirectories).Should().BeEmpty();
    }

    internal UpdateAgent Agent(List<UpdateEvent>? events = null) =>
        new(Device(), Firmware, new UpdateAgentOptions { Time = _time, StopAfterUpdate = true }) { OnEvent = events is null ? null : events.Add };

    private DeviceApiClient Device() => new(new KusabiApiClient(new HttpClient(_server), Api.Server, new KusabiApiOptions { Retry = Api.FastRetry }), _bundle);
}
