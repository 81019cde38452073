namespace Kusabi.DeviceClient.LoadTest;

/// <summary>A latency distribution in milliseconds.</summary>
public sealed record LatencySummary(int Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(IEnumerable<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0
            ? new LatencySummary(0, 0, 0, 0, 0, 0)
            : new LatencySummary(sorted.Length, sorted.Average(), Percentiles.NearestRank(sorted, 0.50),
                Percentiles.NearestRank(sorted, 0.95), Percentiles.NearestRank(sorted, 0.99), sorted[^1]);
    }

    public override string ToString() => $"p50 {P50Ms,8:0.0} ms  p95 {P95Ms,8:0.0} ms  p99 {P99Ms,8:0.0} ms  max {MaxMs,8:0.0} ms";
}
