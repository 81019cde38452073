using System.Diagnostics.Metrics;

namespace Kusabi.Chain.Gateway;

/// <summary>Chain gateway instruments. No key or device identifiers are used as tags.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Kusabi.Chain";
    private readonly Meter _meter = new(MeterName);

    /// <summary>Bucket bounds in seconds, from a fast dev chain's block to a congested network's minutes.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

    public static readonly IReadOnlyList<int> EntriesBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500];

    public GatewayMetrics(Func<int> pendingEntries)
    {
        Transactions = _meter.CreateCounter<long>("kusabi.chain.transactions", "{transaction}", "Batch transactions mined, by outcome");
        Entries = _meter.CreateCounter<long>("kusabi.chain.entries", "{entry}", "Registry changes committed, by kind");
        BatchSize = _meter.CreateHistogram("kusabi.chain.batch.size", "{entry}", "Entries per transaction", null,
            new InstrumentAdvice<int> { HistogramBucketBoundaries = EntriesBuckets });
        BatchLatency = Seconds("kusabi.chain.batch.duration", "From a batch transaction's submission to its receipt");
        EntryLatency = Seconds("kusabi.chain.entry.duration", "From a caller's request to its entry being mined");
        _meter.CreateObservableGauge("kusabi.chain.pending", pendingEntries, "{entry}", "Entries waiting for or inside an unmined transaction");
    }

    internal Counter<long> Transactions { get; }
    internal Counter<long> Entries { get; }
    internal Histogram<int> BatchSize { get; }
    internal Histogram<double> BatchLatency { get; }
    internal Histogram<double> EntryLatency { get; }

    private Histogram<double> Seconds(string name, string description) =>
        _meter.CreateHistogram(name, "s", description, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public void Dispose() => _meter.Dispose();
}
