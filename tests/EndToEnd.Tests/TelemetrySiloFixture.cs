using System.Diagnostics;
using Kusabi.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// A silo of its own that exports over OTLP/HTTP (the standard variables) to a local receiver and
/// keeps every exported span in memory too. Span listeners are process-wide, so the list also
/// holds spans of other silos' requests: tests select by trace ID.
/// </summary>
public sealed class TelemetrySiloFixture : IAsyncLifetime
{
    private readonly SpanList _spans = new();

    public TelemetrySiloFixture()
    {
        Silo = new SiloFixture(
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)),
            [
                "--" + TelemetrySettings.StandardEndpointKey, Collector.Endpoint.ToString(),
                "--OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "--OTEL_BSP_SCHEDULE_DELAY", "200",
                "--OTEL_METRIC_EXPORT_INTERVAL", "500",
            ]);
    }

    public SiloFixture Silo { get; }

    public OtlpReceiver Collector { get; } = new();

    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    public IReadOnlyList<Activity> SpansOf(ActivityTraceId trace) => [.. Spans.Where(s => s.TraceId == trace)];

    public Task InitializeAsync() => Silo.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Collector.Dispose();
    }

    /// <summary>The exporter adds from whichever thread ends a span while tests read.</summary>
    private sealed class SpanList : ICollection<Activity>
    {
        private readonly List<Activity> _items = [];

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (_items) return [.. _items];
        }

        public void Add(Activity item)
        {
            lock (_items) _items.Add(item);
        }

        public void Clear()
        {
            lock (_items) _items.Clear();
        }

        public bool Contains(Activity item)
        {
            lock (_items) return _items.Contains(item);
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (_items) _items.CopyTo(array, arrayIndex);
        }

        public bool Remove(Activity item)
        {
            lock (_items) return _items.Remove(item);
        }

        public int Count
        {
            get { lock (_items) return _items.Count; }
        }

        public bool IsReadOnly => false;

        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

[CollectionDefinition(Name)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetrySiloFixture>
{
    public const string Name = "telemetry";
}
