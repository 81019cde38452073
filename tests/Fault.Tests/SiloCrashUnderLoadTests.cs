namespace Kusabi.Fault.Tests;

/// <summary>kill -9 of one silo out of three while a fleet activates.</summary>
[Collection(FaultCollection.Name)]
public sealed class SiloCrashUnderLoadTests : IAsyncLifetime
{
    private const int Devices = 1_000;
    private ClusterHarness _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ClusterHarness.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Killing_one_of_three_silos_mid_activation_loses_no_device_and_leaves_one_active_act_key_each()
    {
        var fleet = await FleetLoad.RegisteredAsync(_cluster, Devices);

        var activation = fleet.ActivateAsync(concurrency: 100);
        await fleet.WaitForCompletedAsync(Devices / 3, TimeSpan.FromMinutes(2));
        fleet.Completed.Should().BeLessThan(Devices, "the silo must die while activations are in flight");
        await _cluster.KillSiloAsync(1);
        await activation.WaitAsync(TimeSpan.FromMinutes(3));

        _cluster.Silos[1].IsRunning.Should().BeFalse();
        await _cluster.AssertFleetConsistentAsync(fleet);
    }
}
