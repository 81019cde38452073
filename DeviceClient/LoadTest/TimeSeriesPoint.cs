namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// One second of a phase: operations that finished in [Second, Second + 1) of the run, and the
/// latency percentiles of the successful ones among them (0 when none succeeded that second).
/// </summary>
public sealed record TimeSeriesPoint(int Second, int Completed, int Errors, double P50Ms, double P95Ms, double P99Ms)
{
    /// <summary>
    /// Buckets samples by the whole second in which they finished, from <paramref name="firstSecond"/>
    /// to the last second with a sample, with empty seconds in between kept (as zeros) so a stall shows.
    /// </summary>
    public static IReadOnlyList<TimeSeriesPoint> Bucket(IEnumerable<OperationSample> samples, int firstSecond = 0)
    {
        var bySecond = samples.GroupBy(s => (int)Math.Floor(s.EndSeconds)).ToDictionary(g => g.Key, g => g.ToList());
        if (bySecond.Count == 0) return [];
        var first = Math.Min(firstSecond, bySecond.Keys.Min());
        var last = bySecond.Keys.Max();
        var points = new List<TimeSeriesPoint>(last - first + 1);
        for (var second = first; second <= last; second++)
        {
            if (!bySecond.TryGetValue(second, out var finished))
            {
                points.Add(new TimeSeriesPoint(second, 0, 0, 0, 0, 0));
                continue;
            }
            var latencies = finished.Where(s => s.Succeeded).Select(s => s.LatencyMs).Order().ToArray();
            points.Add(new TimeSeriesPoint(second, latencies.Length, finished.Count - latencies.Length,
                Percentiles.NearestRank(latencies, 0.50), Percentiles.NearestRank(latencies, 0.95), Percentiles.NearestRank(latencies, 0.99)));
        }
        return points;
    }
}
