using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Updates;

namespace Kusabi.Grains.Tests.Updates;

/// <summary>The release catalog and deployments as a device's update side sees them, in memory.</summary>
public sealed class FakeUpdateCluster : IUpdateCollaborators
{
    public Dictionary<(string Product, ulong Version), ReleaseRecord> Releases { get; } = [];

    public List<(string DeploymentId, string DeviceRef, DeploymentDeviceState State)> Reports { get; } = [];

    public Task<ReleaseRecord?> GetReleaseAsync(string product, ulong version) =>
        Task.FromResult(Releases.GetValueOrDefault((product, version)));

    public Task ReportToDeploymentAsync(string deploymentId, string deviceRef, DeploymentDeviceState state)
    {
        Reports.Add((deploymentId, deviceRef, state));
        return Task.CompletedTask;
    }

    public ReleaseRecord AddRelease(string product, ulong version, Dictionary<string, string> expectedInventory)
    {
        var release = new ReleaseRecord(product, "hw1", version, "manifest", "signature", "art", new string('a', 64), 10, expectedInventory,
            new string('b', 64), null, null, DateTimeOffset.UnixEpoch);
        Releases[(product, version)] = release;
        return release;
    }
}
