using System.Diagnostics;
using Xunit.Abstractions;

namespace Kusabi.Fault.Tests;

/// <summary>A fault test on a cluster of its own, started before and torn down after the test, with timings in the output.</summary>
[Collection(FaultCollection.Name)]
public abstract class ClusterTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    protected ClusterHarness Cluster { get; private set; } = null!;

    protected virtual int SiloCount => ClusterHarness.DefaultSiloCount;

    protected void Log(string message) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0}s {message}");

    public async Task InitializeAsync()
    {
        Cluster = await ClusterHarness.StartAsync(SiloCount);
        Log("cluster up");
    }

    public async Task DisposeAsync()
    {
        Log($"failovers to another silo: {Cluster?.Failover?.Failovers}");
        if (Cluster is not null) await Cluster.DisposeAsync();
        Log("cluster down");
    }
}
