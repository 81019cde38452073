using Kusabi.DeviceClient.Device;
using Kusabi.Silo.Endpoints;
using Xunit.Abstractions;

namespace Kusabi.Fault.Tests;

/// <summary>Redis refusing writes (reads still work) exactly when a device confirms its activation.</summary>
public sealed class StorageWriteRefusalTests(ITestOutputHelper output) : ClusterTest(output)
{
    protected override int SiloCount => 1;

    [Fact]
    public async Task A_confirmation_whose_state_write_failed_is_not_answered_from_memory_when_resent()
    {
        var fleet = await FleetLoad.RegisteredAsync(Cluster, 1);
        await fleet.StopWhenGrantedAsync(concurrency: 1, ..);
        var granted = fleet.Devices[0];
        granted.Grant.Should().NotBeNull();

        await Cluster.Redis.RefuseWritesAsync(true);
        var confirm = () => new ActivationClient(Cluster.SingleAttemptApi(0)).ActivateAsync(granted);
        var refused = (await confirm.Should().ThrowAsync<KusabiApiException>()).Which;
        refused.Status.Should().Be(503);
        refused.Code.Should().Be(UnhandledErrors.ServiceUnavailable);
        await Cluster.Redis.RefuseWritesAsync(false);

        await fleet.ActivateAsync(concurrency: 1);
        Log(fleet.Summary);
        await Cluster.KillAllSilosAsync();
        await Cluster.StartSilosAsync();
        await Cluster.AssertFleetConsistentAsync(fleet);
    }
}
