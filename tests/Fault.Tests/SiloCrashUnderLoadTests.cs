using Xunit.Abstractions;

namespace Kusabi.Fault.Tests;

/// <summary>kill -9 of one silo out of three while a fleet activates.</summary>
public sealed class SiloCrashUnderLoadTests(ITestOutputHelper output) : ClusterTest(output)
{
    private const int Devices = 1_000;
    [Fact]
    public async Task Killing_one_of_three_silos_mid_activation_loses_no_device_and_leaves_one_active_act_key_each()
    {
        var fleet = await FleetLoad.RegisteredAsync(Cluster, Devices);

        var activation = fleet.ActivateAsync(concurrency: 100);
        await fleet.WaitForCompletedAsync(Devices / 3, TimeSpan.FromMinutes(2));
        fleet.Completed.Should().BeLessThan(Devices, "the silo must die while activations are in flight");
        await Cluster.KillSiloAsync(1);
        await activation.WaitAsync(TimeSpan.FromMinutes(3));

        Cluster.Silos[1].IsRunning.Should().BeFalse();
        Log(fleet.Summary);
        await Cluster.AssertFleetConsistentAsync(fleet);
    }
}
