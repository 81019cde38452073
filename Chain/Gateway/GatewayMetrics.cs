using System.Diagnostics.Metrics;

namespace Kusabi.Chain.Gateway;

/// <summary>Chain gateway instruments. No key or device identifiers are used as tags.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Kusabi.Chain";
    private readonly Meter _meter = new(MeterName);

    public GatewayMetrics(Func<int> pendingEntries)
    {
        Transactions = _meter.CreateCounter<long>("kusabi.chain.transactions", "{transaction}", "Batch transactions mined, by outcome");
        Entries = _meter.CreateCounter<long>("kusabi.chain.entries", "{entry}", "Registry changes committed, by kind");
        BatchSize = _meter.CreateHistogram<int>("kusabi.chain.batch.size", "{entry}", "Entries per transaction");
        BatchLatency = _meter.CreateHistogram<double>("kusabi.chain.batch.duration", "s", "From a batch transaction's submission to its receipt");
        EntryLatency = _meter.CreateHistogram<double>("kusabi.chain.entry.duration", "s", "From a caller's request to its entry being mined");
        _meter.CreateObservableGauge("kusabi.chain.pending", pendingEntries, "{entry}", "Entries waiting for or inside an unmined transaction");
    }

    internal Counter<long> Transactions { get; }
    internal Counter<long> Entries { get; }
    internal Histogram<int> BatchSize { get; }
    internal Histogram<double> BatchLatency { get; }
    internal Histogram<double> EntryLatency { get; }

    public void Dispose() => _meter.Dispose();
}
