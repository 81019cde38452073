using Kusabi.Grains.Activation;
using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Telemetry;
using Kusabi.Grains.Updates;
using Microsoft.Extensions.Options;

namespace Kusabi.Grains.Devices;

/// <summary>A device: its persisted state, the in-memory activation session and update bookkeeping.</summary>
public sealed class DeviceGrain(
    [PersistentState("device", DeviceGrain.StorageName)] IPersistentState<DeviceState> storage,
    IActivationChain chain,
    TimeProvider time,
    IOptions<ActivationSettings> activationSettings,
    IOptions<UpdateSettings> updateSettings) : Grain, IDeviceGrain, IUpdateCollaborators
{
    public const string StorageName = "devices";

    private ActivationStateMachine? _activation;
    private DeviceUpdates? _updates;
    private ActivationTelemetry? _telemetry;
    private DateTimeOffset? _lastSeen;

    private string DeviceRef => this.GetPrimaryKeyString();

    private ActivationStateMachine Activation =>
        _activation ??= new ActivationStateMachine(DeviceRef, storage.State, chain, SaveAsync, time, activationSettings.Value);

    private DeviceUpdates Updates =>
        _updates ??= new DeviceUpdates(DeviceRef, storage.State, this, SaveAsync, time, updateSettings.Value, activationSettings.Value.TimelineLimit);

    private ActivationTelemetry Telemetry => _telemetry ??= new ActivationTelemetry(DeviceRef, time);

    public Task<Outcome<SessionOffer>> BeginActivation(PreKeySnapshot preKey) =>
        Telemetry.TraceAsync(ActivationTelemetry.Begin, () => Activation.BeginAsync(preKey));

    public Task<Outcome<byte[]>> IssueActKey(string preId, byte[] sessionId, byte[] sealedRequest) =>
        Telemetry.TraceAsync(ActivationTelemetry.ActKey, () => Activation.IssueActKeyAsync(preId, sessionId, sealedRequest));

    public Task<Outcome<string>> ConfirmActivation(string preId, byte[] sessionId, string actId, byte[] signature) =>
        Telemetry.TraceAsync(ActivationTelemetry.Confirm, () => Activation.ConfirmAsync(preId, sessionId, actId, signature));

    public Task<Failure?> AdmitRequest(string actId, long timestampMs, byte[] nonce)
    {
        var refused = Updates.AdmitRequest(actId, timestampMs, nonce);
        if (refused is null) _lastSeen = time.GetUtcNow();
        return Task.FromResult(refused);
    }

    public Task<UpdateAssignmentInfo?> GetAssignment() => Task.FromResult(Updates.CurrentAssignment);

    public Task Assign(UpdateAssignmentInfo? assignment) => Updates.AssignAsync(assignment);

    public Task<Failure?> ReportUpdate(string deploymentId, string state, string? detail) => Updates.ReportAsync(deploymentId, state, detail);

    public Task<Outcome<byte[]>> IssueInventoryNonce() => Task.FromResult(Outcome<byte[]>.Ok(Updates.IssueInventoryNonce()));

    public Task<Outcome<InventoryResult>> SubmitInventory(byte[] nonce, Dictionary<string, string> inventory) =>
        Updates.SubmitInventoryAsync(nonce, inventory);

    public Task SetQuarantine(bool quarantined, string reason) => Updates.SetQuarantineAsync(quarantined, reason);

    public async Task MarkRevoked(string reason, string? transaction, long? block)
    {
        var s = storage.State;
        s.Phase = DevicePhase.Revoked;
        DeviceTimeline.Record(s, time.GetUtcNow(), activationSettings.Value.TimelineLimit, "revoked", reason.Length <= 200 ? reason : reason[..200], transaction, block);
        await SaveAsync();
    }

    public Task<DeviceView> GetView()
    {
        var s = storage.State;
        return Task.FromResult(new DeviceView(DeviceRef, s.Phase, s.PreId, s.Act?.Id, s.PendingAct?.Id,
            s.ActivatedAt, s.CloneAlerts, s.Timeline.ToList(), s.InstalledProduct, s.InstalledVersion, s.Assignment, s.UpdateState,
            s.Quarantined, s.LastInventory, s.LastInventoryDiff?.ToList(), s.LastInventoryAt, _lastSeen));
    }

    Task<ReleaseRecord?> IUpdateCollaborators.GetReleaseAsync(string product, ulong version) =>
        GrainFactory.GetGrain<IReleaseCatalogGrain>(product).Get(version);

    Task IUpdateCollaborators.ReportToDeploymentAsync(string deploymentId, string deviceRef, DeploymentDeviceState state) =>
        GrainFactory.GetGrain<IDeploymentGrain>(deploymentId).Report(deviceRef, state);

    /// <summary>
    /// A device whose state was saved but whose fleet index entry may not be (its silo died in
    /// between) repairs the entry when it comes back; a failure here is repaired by the next save.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!storage.RecordExists) return;
        try
        {
            await IndexAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The request that activated this grain still proceeds; its own save indexes again.
        }
    }

    /// <summary>
    /// Persists the state, then the fleet index entry. A failed write leaves memory ahead of
    /// storage, or the index behind it: this activation is dropped so the next call reloads what
    /// was stored and indexes it again, instead of answering from a change that never persisted.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await storage.WriteStateAsync();
            await IndexAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private Task IndexAsync()
    {
        var s = storage.State;
        return GrainFactory.GetGrain<IFleetShardGrain>(FleetShards.Of(DeviceRef)).Upsert(new DeviceSummary(
            DeviceRef, s.Phase, s.PreId, s.Act?.Id, s.Quarantined, s.InstalledProduct, s.InstalledVersion, s.UpdateState, s.CloneAlerts, time.GetUtcNow(), s.PendingAct?.Id));
    }
}
