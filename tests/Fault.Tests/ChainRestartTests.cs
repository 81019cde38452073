using Kusabi.TestSupport;
using Xunit.Abstractions;

namespace Kusabi.Fault.Tests;

/// <summary>
/// The chain node restarted while devices activate: its state file keeps the chain, but the
/// transactions waiting in its pool (mining is paused first so there are some) are lost.
/// </summary>
public sealed class ChainRestartTests(ITestOutputHelper output) : ClusterTest(output)
{
    private const int Devices = 300;
    [Fact]
    public async Task Restarting_the_chain_node_mid_activation_loses_nothing_and_leaves_no_nonce_gap()
    {
        var fleet = await FleetLoad.RegisteredAsync(Cluster, Devices);

        var activation = fleet.ActivateAsync(concurrency: 50);
        await fleet.WaitForCompletedAsync(Devices / 3, TimeSpan.FromMinutes(2));
        await Cluster.PauseMiningAsync();
        await Eventually.TrueAsync(async () => await Cluster.PendingMemberTransactionsAsync() > 0, TimeSpan.FromSeconds(30), "silo transactions waiting in the node's pool");
        fleet.Completed.Should().BeLessThan(Devices, "the node must restart while activations are in flight");
        var head = await Cluster.ChainHeadAsync();
        await Cluster.RestartChainAsync();
        (await Cluster.ChainHeadAsync()).Should().BeGreaterThanOrEqualTo(head, "the restarted node keeps its chain");
        await activation.WaitAsync(TimeSpan.FromMinutes(3));

        Log(fleet.Summary);
        await Cluster.AssertNoTransactionPendingAsync();
        await Cluster.AssertFleetConsistentAsync(fleet);
    }
}
