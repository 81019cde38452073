using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;
using Orleans.Concurrency;

namespace Kusabi.Grains.Fleet;

[GenerateSerializer, Alias("Kusabi.FleetShardState")]
public sealed class FleetShardState
{
    [Id(0)] public Dictionary<string, DeviceSummary> Devices { get; set; } = [];
}

/// <summary>
/// One shard of the fleet index. An upsert completes only once it is in storage, so a silo crash
/// cannot lose an entry whose device already moved on; concurrent upserts share one storage write
/// (group commit), so thousands of devices changing at once cost a handful of writes.
/// </summary>
[Reentrant]
public sealed class FleetShardGrain(
    [PersistentState("fleet", DeviceGrain.StorageName)] IPersistentState<FleetShardState> storage) : Grain, IFleetShardGrain
{
    private static readonly TimeSpan s_retryPeriod = TimeSpan.FromSeconds(2);
    private GroupCommit? _commit;

    private GroupCommit Commit => _commit ??= new GroupCommit(() => storage.WriteStateAsync());

    // Changes left in memory by a failed write are written again even if no device changes soon.
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => Commit.HasUnwritten ? Commit.CommitAllAsync() : Task.CompletedTask,
            new GrainTimerCreationOptions(s_retryPeriod, s_retryPeriod) { Interleave = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Commit.HasUnwritten) await Commit.CommitAllAsync();
    }

    public Task Upsert(DeviceSummary summary)
    {
        storage.State.Devices[summary.DeviceRef] = summary;
        return Commit.CommitAsync(Commit.Changed());
    }

    public Task<IReadOnlyList<DeviceSummary>> Find(FleetFilter filter, int limit)
    {
        IEnumerable<DeviceSummary> devices = storage.State.Devices.Values;
        if (filter.Phase is { } phase) devices = devices.Where(d => d.Phase == phase);
        if (filter.Quarantined is { } quarantined) devices = devices.Where(d => d.Quarantined == quarantined);
        if (filter.DeviceRefs?.ToHashSet(StringComparer.Ordinal) is { } refs) devices = devices.Where(d => refs.Contains(d.DeviceRef));
        if (filter.InstalledProduct is { } product) devices = devices.Where(d => d.InstalledProduct == product);
        if (filter.InstalledVersion is { } version) devices = devices.Where(d => d.InstalledVersion == version);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLowerInvariant();
            devices = devices.Where(d => d.DeviceRef.StartsWith(term, StringComparison.Ordinal)
                || d.PreId?.StartsWith(term, StringComparison.Ordinal) == true || d.ActId?.StartsWith(term, StringComparison.Ordinal) == true);
        }
        return Task.FromResult<IReadOnlyList<DeviceSummary>>(devices.OrderBy(d => d.DeviceRef, StringComparer.Ordinal).Take(limit).ToList());
    }

    public Task<FleetCounts> Counts()
    {
        var devices = storage.State.Devices.Values;
        var byPhase = Enum.GetValues<DevicePhase>().ToDictionary(p => p.ToString().ToLowerInvariant(), p => devices.Count(d => d.Phase == p));
        return Task.FromResult(new FleetCounts(devices.Count, byPhase, devices.Count(d => d.Quarantined), devices.Sum(d => d.CloneAlerts)));
    }
}
