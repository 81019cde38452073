using System.Security.Cryptography;
using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Telemetry;
using Kusabi.Protocol.Activation;

namespace Kusabi.Grains.Updates;

/// <summary>What a device grain needs from the rest of the cluster for updates.</summary>
public interface IUpdateCollaborators
{
    Task<ReleaseRecord?> GetReleaseAsync(string product, ulong version);
    Task ReportToDeploymentAsync(string deploymentId, string deviceRef, DeploymentDeviceState state);
}

/// <summary>
/// The update side of one device, without Orleans: assignments from deployments, the device's
/// progress reports, and signed inventories checked against the installed release.
/// </summary>
public sealed class DeviceUpdates(
    string deviceRef, DeviceState state, IUpdateCollaborators cluster, Func<Task> save, TimeProvider time, UpdateSettings settings, int timelineLimit)
{
    private readonly RequestAdmission _admission = new(time, settings.RequestWindow);
    private readonly Dictionary<string, DateTimeOffset> _inventoryNonces = [];
    private readonly HashSet<string> _usedInventoryNonces = [];

    public Failure? AdmitRequest(string actId, long timestampMs, byte[] nonce)
    {
        if (state.Phase != DevicePhase.Active || state.Act?.Id != actId)
            return new Failure(ProblemCodes.KeyRevoked, "This act key is not the device's current key.");
        return _admission.Admit(timestampMs, nonce);
    }

    /// <summary>
    /// The update to offer the device: only while it is assigned or downloading. After "failed" the
    /// deployment decides whether to assign it again; offering it anyway would have a device that
    /// refused a release fetch and refuse it on every poll.
    /// </summary>
    public UpdateAssignmentInfo? CurrentAssignment =>
        state.Assignment is { } a && state.UpdateState is "assigned" or "downloading" ? a : null;

    public async Task AssignAsync(UpdateAssignmentInfo? assignment)
    {
        state.Assignment = assignment;
        state.UpdateState = assignment is null ? null : "assigned";
        Record(assignment is null ? "update-withdrawn" : "update-assigned",
            assignment is null ? "The assigned update was withdrawn." : $"{assignment.Product} {assignment.Version} assigned by deployment {assignment.DeploymentId}.");
        await save();
    }

    public async Task<Failure?> ReportAsync(string deploymentId, string reported, string? detail)
    {
        if (state.Assignment is not { } assignment || assignment.DeploymentId != deploymentId)
            return new Failure(ProblemCodes.AssignmentMismatch, $"Deployment {deploymentId} has assigned nothing to this device.");
        var progress = reported switch
        {
            "downloading" => DeploymentDeviceState.Downloading,
            "installed" => DeploymentDeviceState.Installed,
            "failed" => DeploymentDeviceState.Failed,
            _ => (DeploymentDeviceState?)null,
        };
        if (progress is null) return new Failure(ProblemCodes.MalformedRequest, "'state' must be downloading, installed or failed.");
        if (state.UpdateState == reported) return null; // a resent report changes nothing

        state.UpdateState = reported;
        if (progress == DeploymentDeviceState.Installed)
        {
            state.InstalledProduct = assignment.Product;
            state.InstalledVersion = assignment.Version;
        }
        Record($"update-{reported}", $"{assignment.Product} {assignment.Version}: {reported}{(detail is null ? "" : $" ({Trim(detail)})")}.");
        await save();
        await cluster.ReportToDeploymentAsync(deploymentId, deviceRef, progress.Value);
        return null;
    }

    public byte[] IssueInventoryNonce()
    {
        var now = time.GetUtcNow();
        foreach (var (expired, _) in _inventoryNonces.Where(n => n.Value <= now).ToList()) _inventoryNonces.Remove(expired);
        var nonce = RandomNumberGenerator.GetBytes(16);
        _inventoryNonces[Convert.ToHexString(nonce)] = now + settings.InventoryNonceLifetime;
        return nonce;
    }

    public async Task<Outcome<InventoryResult>> SubmitInventoryAsync(byte[] nonce, Dictionary<string, string> inventory)
    {
        var key = Convert.ToHexString(nonce);
        if (_usedInventoryNonces.Contains(key))
            return new Failure(ProblemCodes.ReplayedRequest, "This inventory nonce was already used.");
        if (!_inventoryNonces.Remove(key, out var expiresAt) || expiresAt <= time.GetUtcNow())
            return new Failure(ProblemCodes.UnknownNonce, "This inventory nonce was not issued to this device or has expired; ask for a new one.");
        _usedInventoryNonces.Add(key);

        var release = state.InstalledProduct is { } product ? await cluster.GetReleaseAsync(product, state.InstalledVersion) : null;
        var expected = new Dictionary<string, string>(release?.ExpectedInventory ?? []) { [InventoryComparison.ActKeyItem] = state.Act!.Id };
        var differences = InventoryComparison.Compare(expected, inventory, reportUnknownItems: release is not null);
        var compliant = differences.Count == 0;
        state.LastInventory = new Dictionary<string, string>(inventory);
        state.LastInventoryDiff = differences;
        state.LastInventoryAt = time.GetUtcNow();
        if (!compliant)
        {
            if (!state.Quarantined) GrainTelemetry.CountQuarantine(true, "inventory");
            state.Quarantined = true;
            Record("inventory-mismatch", $"Quarantined: {string.Join("; ", differences.Take(5).Select(d => $"{d.Item} expected '{d.Expected}' reported '{d.Reported}'"))}.");
        }
        else
        {
            Record("inventory-compliant", $"Inventory matches {(release is null ? "the device's act key" : $"{release.Product} {release.Version}")}.");
        }
        await save();
        if (!compliant && state.Assignment is { } assignment && state.UpdateState == "installed")
            await cluster.ReportToDeploymentAsync(assignment.DeploymentId, deviceRef, DeploymentDeviceState.Mismatched);
        return Outcome<InventoryResult>.Ok(new InventoryResult(compliant, differences, state.Quarantined));
    }

    public async Task SetQuarantineAsync(bool quarantined, string reason)
    {
        if (state.Quarantined != quarantined) GrainTelemetry.CountQuarantine(quarantined, "operator");
        state.Quarantined = quarantined;
        Record(quarantined ? "quarantined" : "quarantine-lifted", Trim(reason));
        await save();
    }

    private static string Trim(string text) => text.Length <= 200 ? text : text[..200];

    private void Record(string kind, string detail) => DeviceTimeline.Record(state, time.GetUtcNow(), timelineLimit, kind, detail);
}
