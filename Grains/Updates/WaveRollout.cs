using Kusabi.Grains.Interfaces;

namespace Kusabi.Grains.Updates;

/// <summary>Where the current wave stands after a report.</summary>
public enum WaveVerdict
{
    /// <summary>Some device may still install, fail or be retried.</summary>
    Waiting,

    /// <summary>Every device installed or failed for good, within the threshold: the next wave may start.</summary>
    Settled,

    /// <summary>More devices failed for good than the threshold allows: stop the deployment.</summary>
    Halt,
}

/// <summary>
/// The rules of a deployment in waves, without Orleans: a failed device is retried until it has
/// used its attempts; a mismatched inventory or a failure with no attempt left is final; a wave halts
/// the deployment as soon as its final failures exceed the threshold percentage of its size.
/// </summary>
public static class WaveRollout
{
    public static bool ShouldRetry(DeploymentDeviceProgress device, int maxAttempts) =>
        device.State == DeploymentDeviceState.Failed && device.Attempts < maxAttempts;

    public static bool IsFinalFailure(DeploymentDeviceProgress device, int maxAttempts) =>
        device.State == DeploymentDeviceState.Mismatched
        || device.State == DeploymentDeviceState.Failed && device.Attempts >= maxAttempts;

    public static bool IsSettled(DeploymentDeviceProgress device, int maxAttempts) =>
        device.State == DeploymentDeviceState.Installed || IsFinalFailure(device, maxAttempts);

    public static (WaveVerdict Verdict, int FinalFailures) Evaluate(IReadOnlyCollection<DeploymentDeviceProgress> wave, int failureThresholdPercent, int maxAttempts)
    {
        var failed = wave.Count(d => IsFinalFailure(d, maxAttempts));
        if ((long)failed * 100 > (long)failureThresholdPercent * wave.Count) return (WaveVerdict.Halt, failed);
        return (wave.All(d => IsSettled(d, maxAttempts)) ? WaveVerdict.Settled : WaveVerdict.Waiting, failed);
    }

    /// <summary>How many devices are in each state, every state named (lower case) even at zero.</summary>
    public static Dictionary<string, int> Counts(IEnumerable<DeploymentDeviceProgress> devices)
    {
        var counts = Enum.GetValues<DeploymentDeviceState>().ToDictionary(s => s.ToString().ToLowerInvariant(), _ => 0);
        foreach (var device in devices) counts[device.State.ToString().ToLowerInvariant()]++;
        return counts;
    }
}
