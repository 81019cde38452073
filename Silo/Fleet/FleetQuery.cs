using Kusabi.Grains.Interfaces;

namespace Kusabi.Silo.Fleet;

/// <summary>Asks every fleet-index shard at once and merges the answers.</summary>
public sealed class FleetQuery(IGrainFactory grains)
{
    public async Task<IReadOnlyList<DeviceSummary>> FindAsync(FleetFilter filter, int limit)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, FleetShards.Count).Select(i => grains.GetGrain<IFleetShardGrain>(i).Find(filter, limit)));
        return shards.SelectMany(s => s).OrderBy(d => d.DeviceRef, StringComparer.Ordinal).Take(limit).ToList();
    }

    public async Task<FleetCounts> CountsAsync()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, FleetShards.Count).Select(i => grains.GetGrain<IFleetShardGrain>(i).Counts()));
        var byPhase = shards.SelectMany(s => s.ByPhase).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return new FleetCounts(shards.Sum(s => s.Total), byPhase, shards.Sum(s => s.Quarantined), shards.Sum(s => s.CloneAlerts));
    }
}
