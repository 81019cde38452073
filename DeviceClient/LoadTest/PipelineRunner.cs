using System.Diagnostics;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// Runs factory → activation → update → inventory for a simulated fleet against a running server and
/// times every operation. Every activation is the full protocol; every update is the device's own
/// <see cref="UpdateAgent"/>. When the duration limit (or Ctrl-C) stops the run, operations cut off
/// count as unfinished, not as errors, and the report covers what completed.
/// </summary>
public sealed partial class PipelineRunner(KusabiApiClient api, HttpClient http, PipelineOptions options)
{
    public async Task<PipelineReport> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Devices, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1);
        var startedAt = DateTimeOffset.UtcNow;
        var origin = Stopwatch.GetTimestamp();
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A limit already spent stops the run before anything is sent (CancelAfter would race with the first requests).
        if (options.DurationLimit <= TimeSpan.Zero) await limit.CancelAsync();
        else limit.CancelAfter(options.DurationLimit);

        var probe = new ChainProbe(http);
        var (before, chainNote) = await TrySnapshotAsync(probe, cancellationToken);

        var fleet = DeviceManufacturer.MakeMany(options.Devices, api.Server);
        var factory = new PhaseRecorder(PipelinePhases.Factory, origin);
        var registered = await RegisterAsync(fleet, factory, limit.Token);
        var activation = new PhaseRecorder(PipelinePhases.Activation, origin);
        var activated = await ActivateAsync(registered, activation, limit.Token);

        var phases = new List<PhaseReport> { PhaseReport.From(factory, fleet.Length), PhaseReport.From(activation, registered.Count) };
        if (options.OperatorToken is { } operatorToken)
        {
            var update = new PhaseRecorder(PipelinePhases.Update, origin);
            var inventory = new PhaseRecorder(PipelinePhases.Inventory, origin);
            if (activated.Count > 0 && !limit.IsCancellationRequested) await UpdateAsync(activated, operatorToken, update, inventory, limit.Token);
            phases.Add(PhaseReport.From(update, activated.Count));
            phases.Add(PhaseReport.From(inventory, activated.Count));
        }
        var wall = Stopwatch.GetElapsedTime(origin);

        ChainUsage? chain = null;
        if (before is not null)
        {
            try
            {
                chain = await probe.MeasureAsync(before, await probe.SnapshotAsync(api.Server, options.RpcUrl, options.Contract, CancellationToken.None), CancellationToken.None);
            }
            catch (ChainProbeException e)
            {
                chainNote = e.Message;
            }
        }
        return new PipelineReport(startedAt, api.Server.ToString(), options.Devices, options.Concurrency,
            options.OperatorToken is null ? null : options.ArtifactBytes, options.DurationLimit.TotalSeconds,
            limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested, wall.TotalSeconds,
            MachineInfo.Current(), phases, chain, chainNote)
        { LoadGeneratorCpuSeconds = (Environment.CpuUsage.TotalTime - cpuAtStart).TotalSeconds };
    }

    private async Task<(ChainSnapshot?, string?)> TrySnapshotAsync(ChainProbe probe, CancellationToken cancellationToken)
    {
        try
        {
            return (await probe.SnapshotAsync(api.Server, options.RpcUrl, options.Contract, cancellationToken), null);
        }
        catch (ChainProbeException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Registers pre keys in factory-sized requests, a few in flight; a refused request fails only its own devices.</summary>
    private async Task<List<ManufacturedDevice>> RegisterAsync(ManufacturedDevice[] fleet, PhaseRecorder phase, CancellationToken cancellationToken)
    {
        var registered = new ManufacturedDevice[]?[(fleet.Length + FactoryClient.MaxKeysPerRequest - 1) / FactoryClient.MaxKeysPerRequest];
        var progress = options.Progress?.Invoke(phase.Name, fleet.Length);
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = FactoryClient.DefaultParallelism, CancellationToken = cancellationToken };
        phase.Begin();
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, registered.Length), parallel, async (chunk, ct) =>
            {
                var devices = fleet.Skip(chunk * FactoryClient.MaxKeysPerRequest).Take(FactoryClient.MaxKeysPerRequest).ToArray();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await new FactoryClient(api, options.FactoryToken).RegisterAsync(devices.Select(d => d.PreKey).ToList(), cancellationToken: ct);
                    phase.Record(started, null, devices.Length);
                    registered[chunk] = devices;
                }
                catch (Exception e) when (IsDeviceError(e))
                {
                    if (!ct.IsCancellationRequested) phase.RecordError(started, Stopwatch.GetTimestamp(), DeviceOutcome.CodeOf(e), e.Message, devices.Length);
                }
                progress?.Report(Interlocked.Add(ref done, devices.Length));
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Chunks not sent are unfinished.
        }
        finally
        {
            (progress as IDisposable)?.Dispose();
        }
        return registered.Where(c => c is not null).SelectMany(c => c!).ToList();
    }

    private async Task<List<DeviceBundle>> ActivateAsync(List<ManufacturedDevice> devices, PhaseRecorder phase, CancellationToken cancellationToken)
    {
        var activated = new DeviceBundle?[devices.Count];
        var progress = options.Progress?.Invoke(phase.Name, devices.Count);
        var client = new ActivationClient(api);
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, devices.Count), parallel, async (i, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var result = await client.ActivateAsync(devices[i].Bundle, ct);
                    if (result.Bundle.FindProblem() is { } problem) throw new KusabiProtocolException($"The activated bundle is invalid: {problem}");
                    phase.Record(started, null);
                    phase.RecordStep("begin", result.Timings.Begin);
                    phase.RecordStep("act-key", result.Timings.ActKey);
                    phase.RecordStep("confirm", result.Timings.Confirm);
                    phase.RecordRecovered("session-restarted", result.Rounds - 1);
                    activated[i] = result.Bundle;
                }
                catch (Exception e) when (IsDeviceError(e))
                {
                    if (!ct.IsCancellationRequested) phase.RecordError(started, Stopwatch.GetTimestamp(), DeviceOutcome.CodeOf(e), e.Message);
                }
                progress?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Devices not activated in time are unfinished.
        }
        finally
        {
            (progress as IDisposable)?.Dispose();
        }
        return activated.Where(b => b is not null).Select(b => b!).ToList();
    }

    /// <summary>
    /// What one device's operation can end in. It counts as an error unless the run was being stopped,
    /// in which case the operation is unfinished.
    /// </summary>
    private static bool IsDeviceError(Exception e) =>
        e is KusabiApiException or KusabiUnreachableException or KusabiProtocolException or OperationCanceledException;
}
