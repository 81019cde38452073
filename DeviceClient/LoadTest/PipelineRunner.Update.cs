using System.Diagnostics;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.LoadTest;

public sealed partial class PipelineRunner
{
    /// <summary>
    /// Publishes a release and deploys it to every activated device through <see cref="UpdateRollout"/>,
    /// then splits each device's outcome into its update (poll → download → verify → install) and its
    /// signed inventory. Publishing counts as the update phase's "publish" step.
    /// </summary>
    private async Task UpdateAsync(List<DeviceBundle> devices, string operatorToken, PhaseRecorder update, PhaseRecorder inventory, CancellationToken cancellationToken)
    {
        var progress = options.Progress?.Invoke($"{PipelinePhases.Update}+{PipelinePhases.Inventory}", devices.Count);
        var started = Stopwatch.GetTimestamp();
        update.Begin(started);
        UpdateRun run;
        try
        {
            run = await new UpdateRollout(api, operatorToken).RunAsync(devices, options.ArtifactBytes, options.Concurrency, progress, cancellationToken);
        }
        catch (Exception e) when (IsDeviceError(e))
        {
            // Publishing or starting the deployment was refused (or the run stopped): no device could update.
            if (!cancellationToken.IsCancellationRequested) update.RecordError(started, Stopwatch.GetTimestamp(), $"publish:{DeviceOutcome.CodeOf(e)}", e.Message, devices.Count);
            return;
        }
        finally
        {
            (progress as IDisposable)?.Dispose();
        }

        update.RecordStep("publish", run.Publish);
        var deploymentStarted = After(started, run.Publish);
        foreach (var outcome in run.Outcomes) RecordDevice(outcome, deploymentStarted, update, inventory);
    }

    private static void RecordDevice(DeviceUpdateOutcome outcome, long deploymentStarted, PhaseRecorder update, PhaseRecorder inventory)
    {
        if (outcome.ErrorCode == "cancelled") return;
        var finished = After(deploymentStarted, outcome.Finished);
        var attempt = outcome.Attempt;
        if (attempt is not { Succeeded: true })
        {
            var spent = attempt?.Timings.Total ?? outcome.Finished;
            update.RecordError(finished - Ticks(spent), finished, outcome.ErrorCode ?? "not-updated", outcome.Error ?? "");
            return;
        }

        var t = attempt.Timings;
        var installed = finished - Ticks(t.Inventory);
        update.Record(installed - Ticks(t.Poll + t.Download + t.Verify + t.Install), installed, null);
        update.RecordStep("poll", t.Poll);
        update.RecordStep("download", t.Download);
        update.RecordStep("verify", t.Verify);
        update.RecordStep("install", t.Install);
        update.RecordStep("deployment-to-installed", outcome.Finished - t.Inventory);
        foreach (var error in outcome.Run?.Errors ?? []) update.RecordRecovered($"{error.Step}:{error.Code}");
        if (outcome.Succeeded) inventory.Record(installed, finished, null);
        else inventory.RecordError(installed, finished, outcome.ErrorCode ?? "not-compliant", outcome.Error ?? "");
    }

    private static long After(long timestamp, TimeSpan duration) => timestamp + Ticks(duration);

    private static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
