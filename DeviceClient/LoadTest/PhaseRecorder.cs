using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// Collects the finished operations of one phase from many threads, timed against the run's origin
/// (a <see cref="Stopwatch"/> timestamp), plus the latency of named steps of successful operations.
/// </summary>
public sealed class PhaseRecorder(string name, long origin)
{
    private readonly ConcurrentBag<OperationSample> _samples = [];
    private readonly ConcurrentDictionary<string, ConcurrentBag<TimeSpan>> _steps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _examples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _recovered = new(StringComparer.Ordinal);
    private long _started = long.MaxValue;
    private long _ended = long.MinValue;

    public string Name { get; } = name;

    public IReadOnlyCollection<OperationSample> Samples => _samples;

    /// <summary>The first message seen for each error code, so a report says what went wrong and not only how often.</summary>
    public IReadOnlyDictionary<string, string> ErrorExamples => _examples.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value);

    /// <summary>Failures an operation got over before it succeeded (e.g. activation sessions started again), by kind.</summary>
    public IReadOnlyDictionary<string, int> Recovered => _recovered.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value);

    public IReadOnlyDictionary<string, LatencySummary> Steps =>
        _steps.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => LatencySummary.Of(s.Value));

    /// <summary>Seconds since the origin at which the phase began (its first operation started); 0 if none did.</summary>
    public double StartSeconds => _started == long.MaxValue ? 0 : Seconds(_started);

    /// <summary>Seconds since the origin at which the last operation finished; the start if none did.</summary>
    public double EndSeconds => _ended == long.MinValue ? StartSeconds : Seconds(_ended);

    /// <summary>Marks the phase as begun now (for phases whose operations start in bulk).</summary>
    public void Begin() => Begin(Stopwatch.GetTimestamp());

    public void Begin(long timestamp)
    {
        long seen;
        while (timestamp < (seen = Interlocked.Read(ref _started)) && Interlocked.CompareExchange(ref _started, timestamp, seen) != seen) { }
    }

    /// <summary>Records <paramref name="count"/> operations that began at <paramref name="started"/> and end now.</summary>
    public void Record(long started, string? errorCode, int count = 1) => Record(started, Stopwatch.GetTimestamp(), errorCode, count);

    public void Record(long started, long ended, string? errorCode, int count = 1)
    {
        Begin(started);
        long seen;
        while (ended > (seen = Interlocked.Read(ref _ended)) && Interlocked.CompareExchange(ref _ended, ended, seen) != seen) { }
        var sample = new OperationSample(Seconds(ended), Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds, errorCode);
        for (var i = 0; i < count; i++) _samples.Add(sample);
    }

    /// <summary>Records a failed operation with its message (the first message per code is kept).</summary>
    public void RecordError(long started, long ended, string code, string message, int count = 1)
    {
        _examples.TryAdd(code, message);
        Record(started, ended, code, count);
    }

    public void RecordRecovered(string kind, int count = 1)
    {
        if (count > 0) _recovered.AddOrUpdate(kind, count, (_, seen) => seen + count);
    }

    /// <summary>Adds the duration of one step of a successful operation (e.g. activation's act-key step).</summary>
    public void RecordStep(string step, TimeSpan duration) => _steps.GetOrAdd(step, _ => []).Add(duration);

    private double Seconds(long timestamp) => Stopwatch.GetElapsedTime(origin, timestamp).TotalSeconds;
}
