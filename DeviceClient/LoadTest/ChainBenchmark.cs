using System.Diagnostics;
using System.Security.Cryptography;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.Chain.Node;
using Kusabi.Protocol.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>One measured configuration.</summary>
public sealed record ChainBenchmarkResult(
    string Mode,
    double BlockTimeSeconds,
    int Entries,
    int Transactions,
    double EntriesPerTransaction,
    double Seconds,
    double RegistrationsPerSecond,
    double P50Seconds,
    double P95Seconds,
    double P99Seconds,
    int Errors);

/// <summary>
/// Registers fresh pre keys through the gateway against a new anvil per block time: "single" sends
/// one entry per transaction (many transactions in flight), "batched" folds entries into batches.
/// </summary>
public static class ChainBenchmark
{
    /// <summary>The gateway's default: enough 120-entry transactions in flight to fill a 1 s block.</summary>
    private static readonly int BatchedInFlight = new ChainOptions().MaxTransactionsInFlight;

    public static async Task<List<ChainBenchmarkResult>> RunAsync(int entries, IReadOnlyList<TimeSpan> blockTimes, TextWriter log, CancellationToken cancellationToken)
    {
        var results = new List<ChainBenchmarkResult>();
        foreach (var blockTime in blockTimes)
        {
            await using var node = await AnvilNode.StartAsync(new AnvilSettings { BlockTime = blockTime }, cancellationToken);
            foreach (var batched in new[] { false, true })
            {
                var result = await MeasureAsync(node, batched, entries, cancellationToken);
                results.Add(result);
                await log.WriteLineAsync(
                    $"{result.Mode,-8} block {result.BlockTimeSeconds,4:0.0}s: {result.RegistrationsPerSecond,8:0} reg/s, " +
                    $"{result.Transactions} tx ({result.EntriesPerTransaction:0.0}/tx), p50 {result.P50Seconds:0.00}s p99 {result.P99Seconds:0.00}s, errors {result.Errors}");
            }
        }
        return results;
    }

    private static async Task<ChainBenchmarkResult> MeasureAsync(AnvilNode node, bool batched, int entries, CancellationToken cancellationToken)
    {
        var address = await ContractDeployer.DeployAsync(node.RpcUrl, node.ChainId, AnvilNode.DevelopmentKeys[0], cancellationToken);
        var options = new ChainOptions
        {
            RpcUrl = node.RpcUrl,
            ChainId = node.ChainId,
            ContractAddress = address,
            SignerPrivateKey = AnvilNode.DevelopmentKeys[0],
            ReceiptPollInterval = TimeSpan.FromMilliseconds(50),
            MaxEntriesPerTransaction = batched ? 120 : 1,
            MaxTransactionsInFlight = batched ? BatchedInFlight : 256,
        };
        using var connection = new ChainConnection(options);
        await using var gateway = new ChainGateway(connection, NullLogger<ChainGateway>.Instance);
        var keys = Enumerable.Range(0, entries).Select(_ => NewPreKey()).ToList();
        var latencies = new double[entries];
        var errors = 0;
        var hashes = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(keys.Select(async (key, i) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var receipt = await gateway.RegisterAsync(key, cancellationToken);
                lock (hashes) hashes.Add(receipt.TransactionHash);
            }
            catch (ChainException)
            {
                Interlocked.Increment(ref errors);
            }
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new ChainBenchmarkResult(batched ? "batched" : "single", node.Settings.BlockTime.TotalSeconds, entries, hashes.Count,
            hashes.Count == 0 ? 0 : (double)(entries - errors) / hashes.Count, seconds, (entries - errors) / seconds,
            Percentiles.NearestRank(latencies, 0.50), Percentiles.NearestRank(latencies, 0.95), Percentiles.NearestRank(latencies, 0.99), errors);
    }

    private static KeyRegistration NewPreKey()
    {
        var publicKey = RandomNumberGenerator.GetBytes(32);
        return new KeyRegistration(KusabiId.Create(KeyPurpose.Pre, publicKey), KeyPurpose.Pre, KeyAlgorithm.X25519, publicKey, DeviceRef.CreateRandom());
    }
}
