namespace Kusabi.Grains.Interfaces;

/// <summary>
/// One device, keyed by its device reference (64 hex). Owns the activation state machine and the
/// session key of the activation in progress; the key never leaves the grain's memory.
/// </summary>
[Alias("Kusabi.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Steps 1–2: open a session for a pre key the chain holds for this device.</summary>
    [Alias("BeginActivation")]
    Task<Outcome<SessionOffer>> BeginActivation(PreKeySnapshot preKey);

    /// <summary>Steps 3–4: a sealed request for the act key; answers with the sealed act grant.</summary>
    [Alias("IssueActKey")]
    Task<Outcome<byte[]>> IssueActKey(string preId, byte[] sessionId, byte[] sealedRequest);

    /// <summary>Step 5: proof of possession of the act key; the device becomes active.</summary>
    [Alias("ConfirmActivation")]
    Task<Outcome<string>> ConfirmActivation(string preId, byte[] sessionId, string actId, byte[] signature);

    /// <summary>
    /// Admits a device-signed request whose signature the caller has verified: the act key must be
    /// this device's, the timestamp fresh and the nonce unseen.
    /// </summary>
    [Alias("AdmitRequest")]
    Task<Failure?> AdmitRequest(string actId, long timestampMs, byte[] nonce);

    [Alias("GetAssignment")]
    Task<UpdateAssignmentInfo?> GetAssignment();

    /// <summary>A deployment assigns (or withdraws, with null) an update.</summary>
    [Alias("Assign")]
    Task Assign(UpdateAssignmentInfo? assignment);

    [Alias("ReportUpdate")]
    Task<Failure?> ReportUpdate(string deploymentId, string state, string? detail);

    [Alias("IssueInventoryNonce")]
    Task<Outcome<byte[]>> IssueInventoryNonce();

    [Alias("SubmitInventory")]
    Task<Outcome<InventoryResult>> SubmitInventory(byte[] nonce, Dictionary<string, string> inventory);

    /// <summary>Operator action: clear a quarantine after the device was repaired.</summary>
    [Alias("SetQuarantine")]
    Task SetQuarantine(bool quarantined, string reason);

    /// <summary>Operator action, after the device's keys were revoked on chain.</summary>
    [Alias("MarkRevoked")]
    Task MarkRevoked(string reason, string? transaction, long? block);

    /// <summary>What an operator may see: no session key, no private key.</summary>
    [Alias("GetView")]
    Task<DeviceView> GetView();
}
