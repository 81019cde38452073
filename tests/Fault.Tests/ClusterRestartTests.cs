using Kusabi.Grains.Interfaces;
using Xunit.Abstractions;

namespace Kusabi.Fault.Tests;

/// <summary>Every silo of the cluster stopped at once (two gracefully, one killed) and started again on the same Redis.</summary>
public sealed class ClusterRestartTests(ITestOutputHelper output) : ClusterTest(output)
{
    private const int Devices = 300;
    private const int Activated = 200;
    [Fact]
    public async Task Restarting_the_whole_cluster_keeps_every_device_state_and_unfinished_activations_then_complete()
    {
        var fleet = await FleetLoad.RegisteredAsync(Cluster, Devices);
        await fleet.ActivateAsync(concurrency: 50, ..Activated);
        await fleet.StopWhenGrantedAsync(concurrency: 50, Activated..);
        var refs = fleet.Devices.Select(d => d.DeviceRef).ToList();
        Log("activated and granted");
        var before = await Cluster.Operator.ReadAllAsync(refs);
        before.Values.Count(d => d.Phase == DevicePhase.Active).Should().Be(Activated);
        before.Values.Where(d => d.Phase == DevicePhase.Activating).Should().HaveCount(Devices - Activated).And.OnlyContain(d => d.PendingActId != null);

        await Task.WhenAll(Cluster.StopSiloAsync(0), Cluster.StopSiloAsync(1), Cluster.KillSiloAsync(2));
        Log("cluster stopped");
        Cluster.Silos.Should().OnlyContain(s => !s.IsRunning);
        await Cluster.StartSilosAsync();
        Log("cluster started again");

        var after = await Cluster.Operator.ReadAllAsync(refs);
        after.Should().BeEquivalentTo(before);
        Log("states compared");
        await fleet.ActivateAsync(concurrency: 50, Activated..);
        Log(fleet.Summary);
        await Cluster.AssertFleetConsistentAsync(fleet);
    }
}
