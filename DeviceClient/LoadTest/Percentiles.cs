namespace Kusabi.DeviceClient.LoadTest;

/// <summary>Nearest-rank percentiles: every reported value is one that was actually measured.</summary>
public static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="p"/> of the sample at or below it; 0 for no sample.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
