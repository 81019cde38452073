using Kusabi.Silo.Endpoints;
using Kusabi.TestSupport;
using Xunit.Abstractions;

namespace Kusabi.Fault.Tests;

/// <summary>Redis killed and started again on its append-only file while devices activate.</summary>
public sealed class RedisRestartTests(ITestOutputHelper output) : ClusterTest(output)
{
    private const int Devices = 300;
    [Fact]
    public async Task Redis_down_mid_activation_refuses_requests_with_503_and_every_device_ends_active()
    {
        var fleet = await FleetLoad.RegisteredAsync(Cluster, Devices);

        var activation = fleet.ActivateAsync(concurrency: 50);
        await fleet.WaitForCompletedAsync(Devices / 3, TimeSpan.FromMinutes(2));
        await Cluster.KillRedisAsync();
        await Eventually.TrueAsync(() => Cluster.Responses.CountOf(503, UnhandledErrors.ServiceUnavailable) > 0, TimeSpan.FromMinutes(1), "a request refused while Redis is down");
        fleet.Completed.Should().BeLessThan(Devices, "Redis must be down while activations are in flight");
        await Cluster.StartRedisAsync();
        await activation.WaitAsync(TimeSpan.FromMinutes(3));

        Log($"answers other than success: {Cluster.Responses}");
        Cluster.Responses.Counts.Keys.Should().NotContain(k => k.StartsWith("500", StringComparison.Ordinal) || k.EndsWith("(no problem body)", StringComparison.Ordinal),
            "a storage outage is answered 503 service-unavailable with a problem body, never an internal error");
        Log(fleet.Summary);
        await Cluster.AssertFleetConsistentAsync(fleet);
    }
}
