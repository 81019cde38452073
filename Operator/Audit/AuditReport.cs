namespace Kusabi.Operator.Audit;

/// <summary>The checks of the audit (docs/operations.md), named as the report prints them.</summary>
public static class AuditChecks
{
    /// <summary>(a) An active device has exactly one active act key on chain, the one its grain holds.</summary>
    public const string ActiveDeviceActKey = "active-device-act-key";

    /// <summary>(b) Every consumed pre key belongs to a device the grains know has activated.</summary>
    public const string ConsumedPreKeyOwner = "consumed-pre-key-owner";

    /// <summary>(c) No active act key outside a device grain; active pre keys only for devices not yet active.</summary>
    public const string OrphanedKey = "orphaned-key";

    /// <summary>(d) A revoked device has no active key.</summary>
    public const string RevokedDeviceKeys = "revoked-device-keys";

    /// <summary>(e) Chain and grain agree whether the device's pre key is consumed, and know the same keys.</summary>
    public const string PreKeyConsumption = "pre-key-consumption";

    /// <summary>An event that contradicts the history before it (or predates --from-block).</summary>
    public const string EventHistory = "event-history";
}

/// <summary>One disagreement: which check, which device and key, and what each side says.</summary>
public sealed record Discrepancy(string Check, string? DeviceRef, string? KeyId, string Chain, string Grains);

/// <summary>What was compared.</summary>
public sealed record AuditCounts(
    long FromBlock,
    long ToBlock,
    int Events,
    IReadOnlyDictionary<string, int> ChainKeys,
    IReadOnlyDictionary<string, int> GrainDevices,
    int FactoryOnlyDevices);

public sealed record AuditReport(AuditCounts Counts, IReadOnlyList<Discrepancy> Discrepancies)
{
    public bool IsClean => Discrepancies.Count == 0;
}
