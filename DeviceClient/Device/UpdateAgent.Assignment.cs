using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

public sealed partial class UpdateAgent
{
    /// <summary>Takes one assignment through report, verify, download, install, reboot, report and inventory.</summary>
    public async Task<UpdateAttempt> HandleAsync(UpdateAssignment assignment, TimeSpan pollTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var id = assignment.DeploymentId;
        var phases = new Phases(pollTime);
        Emit("assignment", $"deployment {id}: artifact {assignment.ArtifactUrl}");
        if (!await ReportAsync(id, UpdateStates.Downloading, null, cancellationToken))
            return phases.Attempt(id, 0, UpdateOutcome.Interrupted, "status-report", "the 'downloading' report did not get through.");

        var start = _options.Time.GetTimestamp();
        VerifiedRelease release;
        try
        {
            var checkedAssignment = await WithChainViewAsync(assignment, cancellationToken);
            release = ReleaseVerifier.Verify(checkedAssignment, _firmware.Running, _options.MaxArtifactBytes);
        }
        catch (UpdateRefusedException refusal)
        {
            phases.Verify = _options.Time.GetElapsedTime(start);
            return await RefuseAsync(id, 0, refusal, phases, cancellationToken);
        }
        catch (Exception e) when (e is Kusabi.Chain.Model.ChainException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The chain node could not be read: not the release's fault, so try again at the next poll.
            phases.Verify = _options.Time.GetElapsedTime(start);
            Record("chain", e);
            return phases.Attempt(id, 0, UpdateOutcome.Interrupted, "chain-unreachable", e.Message);
        }
        phases.Verify = _options.Time.GetElapsedTime(start);
        var manifest = release.Manifest;
        Emit("verify", $"{manifest.Product}/{manifest.Hardware} v{manifest.Version}: signature by art key {manifest.ArtId} and chain anchor {release.ManifestHash} check out");
        if (release.AlreadyInstalled)
        {
            Emit("install", $"v{manifest.Version} is already installed; reporting it again");
            return await FinishAsync(id, manifest.Version, UpdateOutcome.AlreadyInstalled, phases, cancellationToken);
        }

        start = _options.Time.GetTimestamp();
        await using (var staged = _firmware.Stage())
        {
            try
            {
                using var response = await _device.GetStreamAsync(assignment.ArtifactUrl, cancellationToken, _options.DownloadTimeout);
                await ArtifactDownload.CopyVerifiedAsync(response.Content, staged.Stream, manifest.ArtifactSize, manifest.ArtifactSha256, cancellationToken);
            }
            catch (Exception e) when (DownloadRefusal(e, assignment.ArtifactUrl) is { } refusal)
            {
                phases.Download = _options.Time.GetElapsedTime(start);
                return await RefuseAsync(id, manifest.Version, refusal, phases, cancellationToken);
            }
            catch (Exception e) when (e is KusabiApiException or KusabiUnreachableException or IOException or HttpRequestException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                phases.Download = _options.Time.GetElapsedTime(start);
                Record("download", e);
                return phases.Attempt(id, manifest.Version, UpdateOutcome.Interrupted, "download-interrupted", e.Message);
            }
            phases.Download = _options.Time.GetElapsedTime(start);
            Emit("download", $"{manifest.ArtifactSize} bytes, SHA-256 {manifest.ArtifactSha256} verified ({phases.Download.TotalMilliseconds:0} ms)");

            start = _options.Time.GetTimestamp();
            _firmware.Install(staged, _firmware.Running with
            {
                Version = manifest.Version,
                ArtifactSha256 = manifest.ArtifactSha256.ToLowerInvariant(),
                ArtifactSize = manifest.ArtifactSize,
                ManifestHash = release.ManifestHash,
                DeploymentId = id,
                InstalledAt = _options.Time.GetUtcNow(),
            });
        }
        Emit("install", $"v{manifest.Version} stored");
        var booted = _firmware.Reboot();
        Emit("reboot", $"running {booted}");
        if (booted.Version != manifest.Version || booted.ManifestHash != release.ManifestHash)
        {
            phases.Install = _options.Time.GetElapsedTime(start);
            var refusal = new UpdateRefusedException(UpdateRefusals.BootCheck, $"after the reboot the device runs {booted}, not v{manifest.Version}.");
            return await RefuseAsync(id, manifest.Version, refusal, phases, cancellationToken);
        }
        return await FinishAsync(id, manifest.Version, UpdateOutcome.Installed, phases, cancellationToken, start);
    }

    /// <summary>Which download failures are the release's fault (reported "failed") rather than the network's.</summary>
    private static UpdateRefusedException? DownloadRefusal(Exception e, string url) => e switch
    {
        UpdateRefusedException refusal => refusal,
        KusabiApiException api when api.Status is >= 400 and < 500 and not 408 and not 429 =>
            new UpdateRefusedException(UpdateRefusals.ArtifactUnavailable, $"GET {url} answered {api.Status} {api.Code}{(api.Detail is null ? "" : ": " + api.Detail)}"),
        KusabiProtocolException protocol => new UpdateRefusedException(UpdateRefusals.ArtifactUnavailable, protocol.Message),
        _ => null,
    };

    private async Task<UpdateAttempt> FinishAsync(string id, ulong version, UpdateOutcome outcome, Phases phases, CancellationToken cancellationToken, long? installStart = null)
    {
        var reported = await ReportAsync(id, UpdateStates.Installed, $"v{version}", cancellationToken);
        if (installStart is { } start) phases.Install = _options.Time.GetElapsedTime(start);
        if (!reported) return phases.Attempt(id, version, UpdateOutcome.Interrupted, "status-report", "the 'installed' report did not get through; the next poll repeats it.");
        var inventoryStart = _options.Time.GetTimestamp();
        var verdict = await TryInventoryAsync(cancellationToken);
        phases.Inventory = _options.Time.GetElapsedTime(inventoryStart);
        return phases.Attempt(id, version, outcome, null, null, verdict);
    }

    private async Task<UpdateAttempt> RefuseAsync(string id, ulong version, UpdateRefusedException refusal, Phases phases, CancellationToken cancellationToken)
    {
        Emit("refused", refusal.Message);
        await ReportAsync(id, UpdateStates.Failed, refusal.Message, cancellationToken);
        return phases.Attempt(id, version, UpdateOutcome.Refused, refusal.Code, refusal.Detail);
    }

    /// <summary>Reports a state; false (recorded) when the report did not get through.</summary>
    private async Task<bool> ReportAsync(string id, string state, string? detail, CancellationToken cancellationToken)
    {
        try
        {
            await _device.ReportStatusAsync(new UpdateStatusReport(id, state, detail), cancellationToken);
            Emit("report", $"{state}{(detail is null ? "" : " (" + detail + ")")}");
            return true;
        }
        catch (Exception e) when (e is KusabiApiException or KusabiUnreachableException or KusabiProtocolException)
        {
            Record($"report-{state}", e);
            return false;
        }
    }

    private sealed class Phases(TimeSpan poll)
    {
        public TimeSpan Download { get; set; }

        public TimeSpan Verify { get; set; }

        public TimeSpan Install { get; set; }

        public TimeSpan Inventory { get; set; }

        public UpdateAttempt Attempt(string id, ulong version, UpdateOutcome outcome, string? code, string? detail, InventoryVerdict? verdict = null) =>
            new(id, version, outcome, code, detail, new UpdateTimings(poll, Download, Verify, Install, Inventory), verdict);
    }
}
