using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;

namespace Kusabi.Chain.Audit;

/// <summary>
/// One key as the registry's events tell it: its registration and, if any, its one status change,
/// with the block and transaction of each.
/// </summary>
public sealed record KeyHistory(
    KusabiId Id,
    KeyPurpose Purpose,
    DeviceRef? Device,
    string Registrar,
    long RegisteredBlock,
    string RegisteredTransaction,
    KeyStatus Status = KeyStatus.Active,
    RevocationReason Reason = RevocationReason.Unspecified,
    long? StatusBlock = null,
    string? StatusTransaction = null)
{
    public bool IsActive => Status == KeyStatus.Active;

    /// <summary>Where the key's current status was written: the status change, or the registration.</summary>
    public string Where => StatusBlock is { } block ? $"block {block}, tx {StatusTransaction}" : $"block {RegisteredBlock}, tx {RegisteredTransaction}";
}

/// <summary>An event that does not fit the history so far (a contract that keeps its rules never emits one).</summary>
public sealed record EventAnomaly(KusabiId Id, long Block, string Transaction, string Problem);

/// <summary>Every key the registry's events name, and the events that made no sense.</summary>
public sealed record RegistryHistory(IReadOnlyDictionary<KusabiId, KeyHistory> Keys, IReadOnlyList<EventAnomaly> Anomalies, long FromBlock, long ToBlock, int Events = 0);
