using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kusabi.Chain.Contract;
using Nethereum.Contracts;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// Reads the chain around a load test: the silo's GET /health names the node and the registry (and
/// gives the gateway's counters); the registry's logs in the run's block range, read over JSON-RPC
/// eth_getLogs, give the transactions and entries actually mined.
/// </summary>
public sealed class ChainProbe(HttpClient http)
{
    private const int BlocksPerQuery = 100;

    private static readonly string[] s_entryTopics =
    [
        Topic(ABITypedRegistry.GetEvent<KeyRegisteredEvent>().Sha3Signature),
        Topic(ABITypedRegistry.GetEvent<KeyStatusChangedEvent>().Sha3Signature),
        Topic(ABITypedRegistry.GetEvent<ReleaseAnchoredEvent>().Sha3Signature),
    ];

    /// <summary>
    /// The chain now. <paramref name="rpcUrl"/> and <paramref name="contract"/> override what /health
    /// says (a silo behind a proxy may name a node address the load generator cannot reach).
    /// </summary>
    public async Task<ChainSnapshot> SnapshotAsync(Uri server, string? rpcUrl, string? contract, CancellationToken cancellationToken)
    {
        JsonNode? health = null;
        try
        {
            health = await http.GetFromJsonAsync<JsonNode>(new Uri(server, "/health"), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            if (rpcUrl is null || contract is null) throw new ChainProbeException($"GET /health failed ({e.Message}); give --rpc-url and --contract.", e);
        }
        var rpc = rpcUrl ?? health?["chain"]?["rpcUrl"]?.GetValue<string>()
            ?? throw new ChainProbeException("GET /health does not name the chain's RPC URL; give --rpc-url.");
        var registry = contract ?? health?["chain"]?["contract"]?.GetValue<string>()
            ?? throw new ChainProbeException("GET /health does not name the registry contract; give --contract.");
        var gateway = health?["gateway"];
        var head = ParseQuantity(await CallAsync(rpc, "eth_blockNumber", [], cancellationToken));
        return new ChainSnapshot(rpc, registry, head, gateway?["transactionsMined"]?.GetValue<long>(), gateway?["entriesCommitted"]?.GetValue<long>());
    }

    /// <summary>Counts the registry's transactions and entries in the blocks after <paramref name="before"/> up to <paramref name="after"/>.</summary>
    public async Task<ChainUsage> MeasureAsync(ChainSnapshot before, ChainSnapshot after, CancellationToken cancellationToken)
    {
        var entriesPerTransaction = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var from = before.HeadBlock + 1;
        for (var start = from; start <= after.HeadBlock; start += BlocksPerQuery)
        {
            var end = Math.Min(after.HeadBlock, start + BlocksPerQuery - 1);
            var filter = new JsonObject { ["address"] = before.Contract, ["fromBlock"] = Quantity(start), ["toBlock"] = Quantity(end) };
            var logs = (await CallAsync(before.RpcUrl, "eth_getLogs", [filter], cancellationToken)).AsArray();
            foreach (var log in logs)
            {
                var transaction = log?["transactionHash"]?.GetValue<string>() ?? "";
                var topic = log?["topics"]?.AsArray().FirstOrDefault()?.GetValue<string>() ?? "";
                var isEntry = s_entryTopics.Contains(topic, StringComparer.OrdinalIgnoreCase);
                entriesPerTransaction[transaction] = entriesPerTransaction.GetValueOrDefault(transaction) + (isEntry ? 1 : 0);
            }
        }
        var transactions = entriesPerTransaction.Count;
        var entries = entriesPerTransaction.Values.Sum();
        return new ChainUsage(before.RpcUrl, before.Contract, from, after.HeadBlock, transactions, entries,
            transactions == 0 ? 0 : (double)entries / transactions, transactions == 0 ? 0 : entriesPerTransaction.Values.Max(),
            after.GatewayTransactions - before.GatewayTransactions, after.GatewayEntries - before.GatewayEntries);
    }

    private async Task<JsonNode> CallAsync(string rpcUrl, string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };
        try
        {
            using var response = await http.PostAsJsonAsync(rpcUrl, request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
            if (answer?["error"] is { } error) throw new ChainProbeException($"{method} at {rpcUrl} failed: {error.ToJsonString()}");
            return answer?["result"] ?? throw new ChainProbeException($"{method} at {rpcUrl} gave no result.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException)
        {
            throw new ChainProbeException($"{method} at {rpcUrl} failed: {e.Message}", e);
        }
    }

    private static string Topic(string signature) => signature.StartsWith("0x", StringComparison.Ordinal) ? signature : "0x" + signature;

    private static string Quantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static long ParseQuantity(JsonNode node) => long.Parse(node.GetValue<string>().AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
