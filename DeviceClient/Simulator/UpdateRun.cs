using Kusabi.DeviceClient.Device;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Simulator;

/// <summary>What one simulated device's agent did in the update phase.</summary>
/// <param name="Finished">From the deployment's start until the agent stopped.</param>
public sealed record DeviceUpdateOutcome(DeviceRef Device, UpdateAgentRun? Run, TimeSpan Finished, string? ErrorCode, string? Error)
{
    public bool Succeeded => ErrorCode is null;

    /// <summary>The attempt that ended the run (installed or refused), else the last one.</summary>
    public UpdateAttempt? Attempt => Run?.Attempts.LastOrDefault(a => a.IsFinal) ?? Run?.Attempts.LastOrDefault();

    public static DeviceUpdateOutcome From(DeviceRef device, UpdateAgentRun run, TimeSpan finished)
    {
        if (run.UpdatedAndCompliant) return new DeviceUpdateOutcome(device, run, finished, null, null);
        var attempt = run.Attempts.LastOrDefault(a => a.IsFinal) ?? run.Attempts.LastOrDefault();
        var (code, error) = attempt switch
        {
            { Outcome: UpdateOutcome.Refused } => (attempt.Code ?? "refused", attempt.Detail),
            { Verdict.Compliant: false } => ("inventory-mismatch", string.Join("; ", attempt.Verdict.Differences.Select(d => $"{d.Item}: expected '{d.Expected}', reported '{d.Reported}'"))),
            _ when run.Cancelled => ("cancelled", "The run ended before this device was updated."),
            _ when run.Errors.Count > 0 => (run.Errors[^1].Code, run.Errors[^1].Message),
            _ => ("not-updated", $"No update was installed in {run.Polls} poll(s)."),
        };
        return new DeviceUpdateOutcome(device, run, finished, code, error);
    }

    public static DeviceUpdateOutcome Failed(DeviceRef device, Exception error, TimeSpan finished) =>
        new(device, null, finished, DeviceOutcome.CodeOf(error), error.Message);
}

/// <summary>The update phase of a simulated fleet: the release published, the deployment, each device's outcome.</summary>
public sealed record UpdateRun(
    string Product,
    ulong Version,
    long ArtifactSize,
    string DeploymentId,
    TimeSpan Publish,
    TimeSpan Rollout,
    IReadOnlyList<DeviceUpdateOutcome> Outcomes)
{
    public int Devices => Outcomes.Count;

    public int Succeeded => Outcomes.Count(o => o.Succeeded);

    public int Failed => Devices - Succeeded;

    /// <summary>Devices updated (installed, inventory compliant) per second of the rollout.</summary>
    public double UpdatesPerSecond => Rollout > TimeSpan.Zero ? Succeeded / Rollout.TotalSeconds : 0;

    /// <summary>Artifact bytes delivered to updated devices per second of the rollout, in MB/s.</summary>
    public double MegabytesPerSecond => Rollout > TimeSpan.Zero ? Succeeded * (double)ArtifactSize / 1e6 / Rollout.TotalSeconds : 0;

    /// <summary>Failed devices per error code, and errors devices got over (failed polls, lost reports), most frequent first.</summary>
    public IReadOnlyDictionary<string, int> ErrorsByCode =>
        Outcomes.Where(o => !o.Succeeded).Select(o => o.ErrorCode ?? "unknown")
            .Concat(Outcomes.Where(o => o.Succeeded && o.Run is not null).SelectMany(o => o.Run!.Errors).Select(e => $"{e.Step}:{e.Code} (recovered)"))
            .GroupBy(c => c)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
}
