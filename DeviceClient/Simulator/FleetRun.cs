namespace Kusabi.DeviceClient.Simulator;

/// <summary>The outcome of manufacturing, registering and activating a fleet.</summary>
public sealed record FleetRun(
    int Devices,
    int Concurrency,
    TimeSpan Manufacture,
    TimeSpan Registration,
    TimeSpan Activation,
    IReadOnlyList<DeviceOutcome> Outcomes)
{
    public int Succeeded => Outcomes.Count(o => o.Succeeded);

    public int Failed => Devices - Succeeded;

    /// <summary>Completed activations per second of the activation phase.</summary>
    public double ActivationsPerSecond => Activation > TimeSpan.Zero ? Succeeded / Activation.TotalSeconds : 0;

    /// <summary>Failures per error code, most frequent first.</summary>
    public IReadOnlyDictionary<string, int> ErrorsByCode =>
        Outcomes.Where(o => !o.Succeeded)
            .GroupBy(o => o.ErrorCode ?? "unknown")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
}
