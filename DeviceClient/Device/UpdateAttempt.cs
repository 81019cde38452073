using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

/// <summary>How an assignment ended for the device.</summary>
public enum UpdateOutcome
{
    /// <summary>Installed, rebooted into, and reported.</summary>
    Installed,

    /// <summary>The device already ran exactly this release; it reported installed again.</summary>
    AlreadyInstalled,

    /// <summary>A check failed; the device reported "failed" and installed nothing.</summary>
    Refused,

    /// <summary>The network or server broke off; nothing installed, the next poll tries again.</summary>
    Interrupted,
}

/// <summary>Time spent in each phase of one assignment; zero for phases not reached.</summary>
public sealed record UpdateTimings(TimeSpan Poll, TimeSpan Download, TimeSpan Verify, TimeSpan Install, TimeSpan Inventory)
{
    public TimeSpan Total => Poll + Download + Verify + Install + Inventory;
}

/// <summary>One assignment handled: outcome, the refusal or error code and detail, phase timings, and the inventory verdict once sent.</summary>
public sealed record UpdateAttempt(
    string DeploymentId,
    ulong Version,
    UpdateOutcome Outcome,
    string? Code,
    string? Detail,
    UpdateTimings Timings,
    InventoryVerdict? Verdict)
{
    public bool Succeeded => Outcome is UpdateOutcome.Installed or UpdateOutcome.AlreadyInstalled;

    /// <summary>Finished for this deployment: installed (whatever the verdict) or refused.</summary>
    public bool IsFinal => Outcome != UpdateOutcome.Interrupted;
}

/// <summary>A step the agent took, for printing.</summary>
public sealed record UpdateEvent(DateTimeOffset At, string Step, string Message)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {Step,-10} {Message}";
}

/// <summary>An error that did not end in an attempt (a failed poll, a lost status report), by code.</summary>
public sealed record UpdateError(string Step, string Code, string Message);

/// <summary>What <see cref="UpdateAgent.RunAsync"/> did.</summary>
public sealed record UpdateAgentRun(
    int Polls,
    int SuccessfulPolls,
    IReadOnlyList<UpdateAttempt> Attempts,
    IReadOnlyList<UpdateError> Errors,
    IReadOnlyList<TimeSpan> Waits,
    InventoryVerdict? LastVerdict,
    bool Cancelled)
{
    /// <summary>The device installed something and the server found its inventory compliant.</summary>
    public bool UpdatedAndCompliant => Attempts.Any(a => a.Succeeded) && LastVerdict is { Compliant: true };
}

/// <summary>Bounds and knobs of <see cref="UpdateAgent"/>.</summary>
public sealed record UpdateAgentOptions
{
    public const int MinPollSeconds = 1;
    public const int MaxPollSeconds = 3600;

    /// <summary>Clock for the waits between polls.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Largest artifact this device stores, whatever a manifest says.</summary>
    public long MaxArtifactBytes { get; init; } = 1L << 30;

    /// <summary>Bound on receiving the artifact's headers (the body is bounded by size and the caller's token).</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait after a failed poll when the server has not said how long to wait.</summary>
    public TimeSpan ErrorWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop <see cref="UpdateAgent.RunAsync"/> once an assignment is finished (installed and inventoried, or refused).</summary>
    public bool StopAfterUpdate { get; init; }

    /// <summary>
    /// The device's own poll interval (1 s … 1 h); null follows the server's pollAfterSeconds
    /// (<c>Updates:PollAfterSeconds</c> on the silo).
    /// </summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>
    /// The registry, read directly: art key status and newest anchor come from the chain rather than
    /// from the server's relay. Null trusts the relay (docs/update.md says what that gives up).
    /// </summary>
    public IReleaseChain? Chain { get; init; }

    /// <summary>Held around each poll and its handling (not around the waits): bounds work in flight across a fleet.</summary>
    public SemaphoreSlim? Throttle { get; init; }

    /// <summary>The server's pollAfterSeconds, held to 1 s … 1 h.</summary>
    public static TimeSpan PollWait(int pollAfterSeconds) => TimeSpan.FromSeconds(Math.Clamp(pollAfterSeconds, MinPollSeconds, MaxPollSeconds));

    /// <summary>The wait before the next poll: the device's own interval if set, else the server's; either held to 1 s … 1 h.</summary>
    public TimeSpan NextPollWait(int pollAfterSeconds) =>
        PollInterval is { } own ? PollWait((int)Math.Min(own.TotalSeconds, MaxPollSeconds)) : PollWait(pollAfterSeconds);
}
