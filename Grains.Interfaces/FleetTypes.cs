namespace Kusabi.Grains.Interfaces;

/// <summary>One device as the fleet index lists it (no secrets, no timeline).</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.DeviceSummary")]
public sealed record DeviceSummary(
    [property: Id(0)] string DeviceRef,
    [property: Id(1)] DevicePhase Phase,
    [property: Id(2)] string? PreId,
    [property: Id(3)] string? ActId,
    [property: Id(4)] bool Quarantined,
    [property: Id(5)] string? InstalledProduct,
    [property: Id(6)] ulong InstalledVersion,
    [property: Id(7)] string? UpdateState,
    [property: Id(8)] int CloneAlerts,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] string? PendingActId = null);

/// <summary>Filters of a fleet listing; null means "any". <see cref="DeviceRefs"/> limits the listing to those devices (a lot's).</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.FleetFilter")]
public sealed record FleetFilter(
    [property: Id(0)] DevicePhase? Phase = null,
    [property: Id(1)] bool? Quarantined = null,
    [property: Id(2)] string? Search = null,
    [property: Id(3)] IReadOnlyList<string>? DeviceRefs = null,
    [property: Id(4)] string? InstalledProduct = null,
    [property: Id(5)] ulong? InstalledVersion = null);

[GenerateSerializer, Immutable, Alias("Kusabi.FleetCounts")]
public sealed record FleetCounts(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyDictionary<string, int> ByPhase,
    [property: Id(2)] int Quarantined,
    [property: Id(3)] int CloneAlerts);

/// <summary>
/// One shard of the fleet index. Device grains cannot be enumerated, so each device grain keeps its
/// summary here; the shard is chosen by a stable hash of the device reference so no grain is hot.
/// </summary>
[Alias("Kusabi.IFleetShardGrain")]
public interface IFleetShardGrain : IGrainWithIntegerKey
{
    [Alias("Upsert")]
    Task Upsert(DeviceSummary summary);

    /// <summary>Matching devices ordered by device reference.</summary>
    [Alias("Find")]
    Task<IReadOnlyList<DeviceSummary>> Find(FleetFilter filter, int limit);

    [Alias("Counts")]
    Task<FleetCounts> Counts();
}

public static class FleetShards
{
    public const int Count = 16;

    /// <summary>Stable across processes (unlike string.GetHashCode): the first byte of the device reference.</summary>
    public static int Of(string deviceRef) => Convert.ToInt32(deviceRef[..2], 16) % Count;
}
