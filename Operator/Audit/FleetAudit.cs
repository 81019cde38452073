using Kusabi.Chain.Audit;
using Kusabi.Chain.Model;
using Kusabi.Client;
using Kusabi.Operator.Fleet;
using Kusabi.Protocol.Identity;
using Nethereum.Web3;

namespace Kusabi.Operator.Audit;

/// <summary>Where the audit reads each side: the registry (events only) and the grains (operator API).</summary>
public sealed record FleetAuditOptions(Uri RpcUrl, string ContractAddress, Uri Server, string Token)
{
    public long FromBlock { get; init; }

    /// <summary>Nodes bound eth_getLogs ranges; 5,000 blocks fits Besu's and most providers' limits.</summary>
    public int BlocksPerQuery { get; init; } = 5_000;

    public int PageSize { get; init; } = 500;
}

/// <summary>
/// Rebuilds every key's history from the registry's events alone and cross-checks it with the
/// device grains' view (the operator API's listing). See docs/operations.md for the checks.
/// </summary>
public static class FleetAudit
{
    public static async Task<AuditReport> RunAsync(FleetAuditOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var http = KusabiHttp.CreateClient(2);
        var fleet = new FleetClient(new KusabiApiClient(http, options.Server), options.Token);
        return await RunAsync(new Web3(options.RpcUrl.AbsoluteUri), options.ContractAddress, fleet, options.FromBlock, options.BlocksPerQuery, options.PageSize, cancellationToken);
    }

    /// <summary>Reads the chain first, then the grains, so keys written in between show as keys the grains do not hold yet.</summary>
    public static async Task<AuditReport> RunAsync(
        IWeb3 web3, string contractAddress, FleetClient fleet, long fromBlock = 0, int blocksPerQuery = 5_000, int pageSize = 500, CancellationToken cancellationToken = default)
    {
        var chain = await KeyHistoryBuilder.ReadAsync(web3, contractAddress, fromBlock, blocksPerQuery, cancellationToken);
        var devices = new List<DeviceSummary>();
        await foreach (var device in fleet.ListAllAsync(new FleetListQuery(PageSize: pageSize), cancellationToken)) devices.Add(device);
        return Compare(chain, devices);
    }

    /// <summary>The comparison alone, for callers that already hold both sides.</summary>
    public static AuditReport Compare(RegistryHistory chain, IReadOnlyList<DeviceSummary> devices)
    {
        var grains = devices.GroupBy(d => d.DeviceRef, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var keysOf = chain.Keys.Values.Where(k => k.Device is not null).GroupBy(k => k.Device!.Value.ToString())
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var found = new List<Discrepancy>();
        found.AddRange(chain.Anomalies.Select(a => new Discrepancy(AuditChecks.EventHistory, null, a.Id.ToString(), $"{a.Problem} (block {a.Block}, tx {a.Transaction})", "-")));
        foreach (var device in grains.Values)
            found.AddRange(DeviceChecks.Of(device, keysOf.GetValueOrDefault(device.DeviceRef) ?? [], chain.Keys));
        foreach (var key in chain.Keys.Values)
            found.AddRange(DeviceChecks.OfChainKey(key, key.Device is { } d ? grains.GetValueOrDefault(d.ToString()) : null));

        var counts = new AuditCounts(
            chain.FromBlock, chain.ToBlock, chain.Events,
            chain.Keys.Values.GroupBy(k => $"{k.Purpose.ToString().ToLowerInvariant()} {k.Status.ToString().ToLowerInvariant()}")
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            Enum.GetValues<DevicePhase>().ToDictionary(p => p.ToString().ToLowerInvariant(), p => grains.Values.Count(d => d.Phase == p)),
            keysOf.Keys.Count(d => !grains.ContainsKey(d)));
        return new AuditReport(counts, found);
    }

    internal static string Describe(KeyHistory key) =>
        $"{key.Purpose.ToString().ToLowerInvariant()} key {key.Status.ToString().ToLowerInvariant()}" +
        (key.Status is KeyStatus.Revoked or KeyStatus.Consumed ? $" ({key.Reason})" : "") + $", {key.Where}";

    internal static KeyHistory? Find(IReadOnlyDictionary<KusabiId, KeyHistory> keys, string? id) =>
        id is not null && KusabiId.TryParse(id, out var parsed) ? keys.GetValueOrDefault(parsed) : null;
}
