using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Kusabi.TestSupport;

/// <summary>Every measurement of the Kusabi meters while it lives, with its tags.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MetricRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Kusabi.", StringComparison.Ordinal)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public IReadOnlyList<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Measurements
    {
        get
        {
            _listener.RecordObservableInstruments();
            return [.. _measurements];
        }
    }

    public IReadOnlyList<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Of(string instrument) =>
        [.. Measurements.Where(m => m.Instrument == instrument)];

    public bool Has(string instrument, params (string Key, string Value)[] tags) =>
        Measurements.Any(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(x => x.Key == t.Key && Equals(x.Value?.ToString(), t.Value))));

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray()));

    public void Dispose() => _listener.Dispose();
}
