using Kusabi.Chain.Audit;
using Kusabi.Chain.Model;
using Kusabi.Operator.Fleet;
using Kusabi.Protocol.Identity;

namespace Kusabi.Operator.Audit;

/// <summary>The audit's checks, from each device grain's side and from each chain key's side.</summary>
internal static class DeviceChecks
{
    /// <summary>(a), (d) and (e): what the grain says about its device, against the device's keys on chain.</summary>
    public static IEnumerable<Discrepancy> Of(DeviceSummary device, IReadOnlyList<KeyHistory> keys, IReadOnlyDictionary<KusabiId, KeyHistory> all)
    {
        var grainPre = FleetAudit.Find(all, device.PreId);
        if (device.PreId is not null && grainPre is null)
            yield return New(AuditChecks.PreKeyConsumption, device, device.PreId, "no such key in the registry's events", $"{Phase(device)}, holds this pre key");
        if (device.ActId is not null && FleetAudit.Find(all, device.ActId) is null)
            yield return New(AuditChecks.ActiveDeviceActKey, device, device.ActId, "no such key in the registry's events", $"{Phase(device)}, holds this act key");

        switch (device.Phase)
        {
            case DevicePhase.Active:
                var activeActs = keys.Where(k => k.Purpose == KeyPurpose.Act && k.IsActive).ToList();
                if (activeActs.Count == 0)
                    yield return New(AuditChecks.ActiveDeviceActKey, device, device.ActId,
                        FleetAudit.Find(all, device.ActId) is { } held ? $"no active act key; the grain's act key is {FleetAudit.Describe(held)}" : "no active act key",
                        $"active, act key {device.ActId ?? "(none)"}");
                else if (activeActs.Count > 1)
                    yield return New(AuditChecks.ActiveDeviceActKey, device, device.ActId,
                        $"{activeActs.Count} active act keys: {string.Join(", ", activeActs.Select(k => $"{k.Id} ({k.Where})"))}", $"active, act key {device.ActId ?? "(none)"}");
                else if (activeActs[0].Id.ToString() != device.ActId)
                    yield return New(AuditChecks.ActiveDeviceActKey, device, activeActs[0].Id.ToString(),
                        $"active act key {activeActs[0].Id} ({activeActs[0].Where})", $"active, act key {device.ActId ?? "(none)"}");
                if (grainPre is { Status: not KeyStatus.Consumed })
                    yield return New(AuditChecks.PreKeyConsumption, device, device.PreId, FleetAudit.Describe(grainPre), "active, so its pre key was consumed");
                break;
            case DevicePhase.Factory when grainPre is { Status: KeyStatus.Consumed }:
                yield return New(AuditChecks.PreKeyConsumption, device, device.PreId, FleetAudit.Describe(grainPre), "factory, never activated: pre key unused");
                break;
            case DevicePhase.Revoked:
                foreach (var key in keys.Where(k => k.IsActive))
                    yield return New(AuditChecks.RevokedDeviceKeys, device, key.Id.ToString(), FleetAudit.Describe(key), "revoked: no key of the device may be active");
                break;
        }
    }

    /// <summary>(b) and (c): each chain key against the grain of its device (null when the grains never saw it).</summary>
    public static IEnumerable<Discrepancy> OfChainKey(KeyHistory key, DeviceSummary? device)
    {
        var phase = device is null ? "no device grain has seen this device" : Phase(device);
        switch (key.Purpose, key.Status)
        {
            // An active device's act keys are (a)'s, a revoked device's keys (d)'s.
            case (KeyPurpose.Act, KeyStatus.Active) when device?.Phase is not (DevicePhase.Active or DevicePhase.Revoked):
                if (device?.Phase == DevicePhase.Activating && device.PendingActId == key.Id.ToString()) break;
                yield return New(AuditChecks.OrphanedKey, key, device, $"active act key, {key.Where}", $"{phase}; no grain holds this act key");
                break;
            case (KeyPurpose.Pre, KeyStatus.Active) when device?.Phase == DevicePhase.Active && device.PreId != key.Id.ToString():
                yield return New(AuditChecks.OrphanedKey, key, device, $"active pre key, {key.Where}", $"{phase}, activated with pre key {device.PreId}");
                break;
            case (KeyPurpose.Pre, KeyStatus.Consumed) when device is null || device.Phase == DevicePhase.Factory && device.PreId != key.Id.ToString():
                yield return New(AuditChecks.ConsumedPreKeyOwner, key, device, $"consumed pre key, {key.Where}", $"{phase}; no activation is recorded");
                break;
        }
    }

    private static string Phase(DeviceSummary device) => device.Phase.ToString().ToLowerInvariant();

    private static Discrepancy New(string check, DeviceSummary device, string? keyId, string chain, string grains) => new(check, device.DeviceRef, keyId, chain, grains);

    private static Discrepancy New(string check, KeyHistory key, DeviceSummary? device, string chain, string grains) =>
        new(check, device?.DeviceRef ?? key.Device?.ToString(), key.Id.ToString(), chain, grains);
}
