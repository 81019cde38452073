using Orleans.Concurrency;

namespace Kusabi.Grains.Interfaces;

/// <summary>Where one device stands in a deployment.</summary>
[GenerateSerializer, Alias("Kusabi.DeploymentDeviceState")]
public enum DeploymentDeviceState
{
    Pending,
    Assigned,
    Downloading,
    Installed,
    Failed,
    Mismatched,
}

[GenerateSerializer, Alias("Kusabi.DeploymentState")]
public enum DeploymentState
{
    Running,
    Completed,
    Halted,
}

/// <summary>A forced update of a release to a set of devices, in waves.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.DeploymentPlan")]
public sealed record DeploymentPlan(
    [property: Id(0)] string Product,
    [property: Id(1)] ulong Version,
    [property: Id(2)] IReadOnlyList<string> Devices,
    [property: Id(3)] int WaveSize,
    [property: Id(4)] int FailureThresholdPercent,
    [property: Id(5)] int MaxAttemptsPerDevice);

[GenerateSerializer, Immutable, Alias("Kusabi.DeploymentProgress")]
public sealed record DeploymentProgress(
    [property: Id(0)] string Id,
    [property: Id(1)] string Product,
    [property: Id(2)] ulong Version,
    [property: Id(3)] DeploymentState State,
    [property: Id(4)] int Waves,
    [property: Id(5)] int CurrentWave,
    [property: Id(6)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(7)] string? HaltReason,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] DateTimeOffset? EndedAt);

/// <summary>An update a device grain holds for its device.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.UpdateAssignmentInfo")]
public sealed record UpdateAssignmentInfo(
    [property: Id(0)] string DeploymentId,
    [property: Id(1)] string Product,
    [property: Id(2)] ulong Version);

[Alias("Kusabi.IDeploymentGrain")]
public interface IDeploymentGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task<Outcome<DeploymentProgress>> Start(DeploymentPlan plan);

    [Alias("GetProgress")]
    Task<DeploymentProgress?> GetProgress();

    [Alias("Halt")]
    Task<DeploymentProgress?> Halt(string reason);

    /// <summary>
    /// A device grain reports its device's progress. One-way: the deployment may answer by assigning
    /// the device again, which must not wait on the device grain that is still reporting.
    /// </summary>
    [OneWay]
    [Alias("Report")]
    Task Report(string deviceRef, DeploymentDeviceState state);
}
