namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// One phase of a load test (factory, activation, update, inventory). <see cref="Count"/> operations
/// finished, <see cref="Ok"/> of them succeeded; <see cref="Unfinished"/> were planned but not done
/// when the run stopped (duration limit, or an earlier phase failed for that device).
/// Throughput is successful operations per second of the phase; latency is over successful ones.
/// </summary>
public sealed record PhaseReport(
    string Name,
    int Planned,
    int Count,
    int Ok,
    int Unfinished,
    IReadOnlyDictionary<string, int> Errors,
    double StartSeconds,
    double Seconds,
    double ThroughputPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, LatencySummary> Steps,
    IReadOnlyList<TimeSeriesPoint> TimeSeries)
{
    /// <summary>The first message seen for each error code.</summary>
    public IReadOnlyDictionary<string, string> ErrorExamples { get; init; } = new Dictionary<string, string>();

    /// <summary>Failures that operations got over before succeeding, by kind; not errors.</summary>
    public IReadOnlyDictionary<string, int> Recovered { get; init; } = new Dictionary<string, int>();

    public int ErrorCount => Count - Ok;

    public static PhaseReport From(PhaseRecorder recorder, int planned) =>
        From(recorder.Name, planned, recorder.Samples, recorder.StartSeconds, recorder.EndSeconds, recorder.Steps) with { ErrorExamples = recorder.ErrorExamples, Recovered = recorder.Recovered };

    public static PhaseReport From(
        string name, int planned, IReadOnlyCollection<OperationSample> samples, double startSeconds, double endSeconds,
        IReadOnlyDictionary<string, LatencySummary>? steps = null)
    {
        var ok = samples.Where(s => s.Succeeded).ToList();
        var errors = samples.Where(s => !s.Succeeded)
            .GroupBy(s => s.ErrorCode!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        var seconds = Math.Max(0, endSeconds - startSeconds);
        return new PhaseReport(name, planned, samples.Count, ok.Count, Math.Max(0, planned - samples.Count), errors,
            startSeconds, seconds, seconds > 0 ? ok.Count / seconds : 0,
            LatencySummary.Of(ok.Select(s => TimeSpan.FromMilliseconds(s.LatencyMs))),
            steps ?? new Dictionary<string, LatencySummary>(),
            TimeSeriesPoint.Bucket(samples, (int)Math.Floor(startSeconds)));
    }
}
