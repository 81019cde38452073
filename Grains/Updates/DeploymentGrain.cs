using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Telemetry;
using Kusabi.Protocol.Activation;
using Microsoft.Extensions.Logging;

namespace Kusabi.Grains.Updates;

[GenerateSerializer, Alias("Kusabi.DeploymentGrainState")]
public sealed class DeploymentGrainState
{
    [Id(0)] public DeploymentPlan? Plan { get; set; }
    [Id(1)] public DeploymentState State { get; set; }
    [Id(2)] public int CurrentWave { get; set; }
    [Id(3)] public Dictionary<string, DeploymentDeviceProgress> Devices { get; set; } = [];
    [Id(4)] public string? HaltReason { get; set; }
    [Id(5)] public DateTimeOffset StartedAt { get; set; }
    [Id(6)] public DateTimeOffset? EndedAt { get; set; }
}

[GenerateSerializer, Alias("Kusabi.DeploymentDeviceProgress")]
public sealed class DeploymentDeviceProgress
{
    [Id(0)] public DeploymentDeviceState State { get; set; }
    [Id(1)] public int Attempts { get; set; }
    [Id(2)] public DateTimeOffset? AssignedAt { get; set; }
}

/// <summary>
/// A forced update in waves: each wave is assigned when the one before it settles; a device that
/// fails is assigned again up to the plan's limit; when a wave's failures pass the threshold the
/// deployment halts and withdraws what it had not yet delivered. A grain timer times out devices
/// that go silent, so a wave cannot wait forever. Progress reports within a wave are written
/// together once a second rather than one state write each: reports are one-way messages that a
/// crash can lose anyway, and a device whose report was lost is caught by the same timeout.
/// </summary>
public sealed class DeploymentGrain(
    [PersistentState("deployment", DeviceGrain.StorageName)] IPersistentState<DeploymentGrainState> storage,
    TimeProvider time,
    ILogger<DeploymentGrain> log) : Grain, IDeploymentGrain
{
    public static readonly TimeSpan DeviceTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_checkPeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_progressWritePeriod = TimeSpan.FromSeconds(1);
    private const int AssignmentParallelism = 256;
    private DeploymentWaves? _waves;
    private bool _progressUnwritten;

    private DeploymentGrainState S => storage.State;
    private DeploymentWaves Waves => _waves ??= new DeploymentWaves(S.Plan!.Devices, S.Plan.WaveSize);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Plan is not null && S.State == DeploymentState.Running) StartTimer();
        this.RegisterGrainTimer(WriteProgressAsync, new GrainTimerCreationOptions(s_progressWritePeriod, s_progressWritePeriod));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        WriteProgressAsync(cancellationToken);

    public async Task<Outcome<DeploymentProgress>> Start(DeploymentPlan plan)
    {
        if (S.Plan is not null) return new Failure(ProblemCodes.MalformedRequest, "This deployment has already started.");
        S.Plan = plan;
        S.State = DeploymentState.Running;
        S.StartedAt = time.GetUtcNow();
        foreach (var device in plan.Devices) S.Devices[device] = new DeploymentDeviceProgress();
        await AssignWaveAsync(0);
        StartTimer();
        return Outcome<DeploymentProgress>.Ok(Progress());
    }

    public Task<DeploymentProgress?> GetProgress() => Task.FromResult(S.Plan is null ? null : Progress());

    public async Task<DeploymentProgress?> Halt(string reason)
    {
        if (S.Plan is null) return null;
        if (S.State == DeploymentState.Running) await HaltAsync(reason);
        return Progress();
    }

    public async Task Report(string deviceRef, DeploymentDeviceState state)
    {
        if (!S.Devices.TryGetValue(deviceRef, out var device)) return;
        GrainTelemetry.DeploymentReports.Add(1, new KeyValuePair<string, object?>(GrainTelemetry.DeviceStateTag, state.ToString().ToLowerInvariant()));
        if (S.State != DeploymentState.Running)
        {
            // A mismatched inventory can arrive after the last wave settled; it still counts.
            if (state == DeploymentDeviceState.Mismatched && device.State == DeploymentDeviceState.Installed)
            {
                device.State = state;
                await WriteAsync();
            }
            return;
        }
        device.State = state;
        if (WaveRollout.ShouldRetry(device, S.Plan!.MaxAttemptsPerDevice)) await AssignAsync(deviceRef, device);
        await EvaluateAsync();
    }

    private async Task EvaluateAsync()
    {
        var plan = S.Plan!;
        var wave = Waves.Members(S.CurrentWave).Select(d => S.Devices[d]).ToList();
        var (verdict, failed) = WaveRollout.Evaluate(wave, plan.FailureThresholdPercent, plan.MaxAttemptsPerDevice);
        if (verdict == WaveVerdict.Halt)
        {
            await HaltAsync($"{failed} of {wave.Count} devices in wave {S.CurrentWave + 1} failed, above the {plan.FailureThresholdPercent}% threshold.");
            return;
        }
        if (verdict == WaveVerdict.Waiting)
        {
            _progressUnwritten = true;
            return;
        }
        if (S.CurrentWave + 1 < Waves.Count)
        {
            await AssignWaveAsync(S.CurrentWave + 1);
            return;
        }
        S.State = DeploymentState.Completed;
        S.EndedAt = time.GetUtcNow();
        await WriteAsync();
    }

    private async Task AssignWaveAsync(int wave)
    {
        S.CurrentWave = wave;
        // Devices are told in parallel: one by one, a wave of thousands of durable device writes
        // outlasts the caller's timeout.
        foreach (var chunk in Waves.Members(wave).Chunk(AssignmentParallelism))
            await Task.WhenAll(chunk.Select(device => AssignAsync(device, S.Devices[device])));
        await WriteAsync();
    }

    private async Task AssignAsync(string deviceRef, DeploymentDeviceProgress device)
    {
        device.Attempts++;
        device.State = DeploymentDeviceState.Assigned;
        device.AssignedAt = time.GetUtcNow();
        await GrainFactory.GetGrain<IDeviceGrain>(deviceRef).Assign(new UpdateAssignmentInfo(this.GetPrimaryKeyString(), S.Plan!.Product, S.Plan.Version));
    }

    private async Task HaltAsync(string reason)
    {
        S.State = DeploymentState.Halted;
        S.HaltReason = reason;
        S.EndedAt = time.GetUtcNow();
        log.LogWarning("Deployment {Id} halted: {Reason}", this.GetPrimaryKeyString(), reason);
        var undelivered = S.Devices.Where(d => d.Value.State is DeploymentDeviceState.Assigned or DeploymentDeviceState.Downloading).ToList();
        foreach (var chunk in undelivered.Chunk(AssignmentParallelism))
        {
            await Task.WhenAll(chunk.Select(d => GrainFactory.GetGrain<IDeviceGrain>(d.Key).Assign(null)));
            foreach (var (_, device) in chunk) device.State = DeploymentDeviceState.Pending;
        }
        await WriteAsync();
    }

    private void StartTimer() =>
        this.RegisterGrainTimer(CheckTimeoutsAsync, new GrainTimerCreationOptions(s_checkPeriod, s_checkPeriod) { KeepAlive = true });

    /// <summary>A device silent for too long counts as a failed attempt, so its wave can settle.</summary>
    private async Task CheckTimeoutsAsync(CancellationToken cancellationToken)
    {
        if (S.State != DeploymentState.Running) return;
        var now = time.GetUtcNow();
        var silent = Waves.Members(S.CurrentWave)
            .Where(d => S.Devices[d] is { State: DeploymentDeviceState.Assigned or DeploymentDeviceState.Downloading, AssignedAt: { } at } && now - at > DeviceTimeout)
            .ToList();
        foreach (var device in silent) await Report(device, DeploymentDeviceState.Failed);
    }

    private async Task WriteProgressAsync(CancellationToken cancellationToken)
    {
        if (_progressUnwritten) await WriteAsync();
    }

    private async Task WriteAsync()
    {
        _progressUnwritten = false;
        try
        {
            await storage.WriteStateAsync();
        }
        catch
        {
            _progressUnwritten = true;
            throw;
        }
    }

    private DeploymentProgress Progress()
    {
        return new DeploymentProgress(this.GetPrimaryKeyString(), S.Plan!.Product, S.Plan.Version, S.State, Waves.Count,
            S.CurrentWave + 1, WaveRollout.Counts(S.Devices.Values), S.HaltReason, S.StartedAt, S.EndedAt);
    }
}
