using System.Text.Json.Serialization;

namespace Kusabi.Operator.Fleet;

// The operator fleet API's JSON (GET /v1/operator/devices…), as the server's grains describe devices.

/// <summary>A device's phase; the server writes it as a number or a name, both are read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DevicePhase>))]
public enum DevicePhase
{
    Factory,
    Activating,
    Active,
    Revoked,
}

/// <summary>One device of a listing page.</summary>
public sealed record DeviceSummary(
    string DeviceRef,
    DevicePhase Phase,
    string? PreId,
    string? ActId,
    bool Quarantined = false,
    string? InstalledProduct = null,
    ulong InstalledVersion = 0,
    string? UpdateState = null,
    int CloneAlerts = 0,
    DateTimeOffset UpdatedAt = default,
    string? PendingActId = null);

public sealed record FleetPage(int Page, int PageSize, bool HasMore, IReadOnlyList<DeviceSummary> Devices);

/// <summary>Filters of <c>devices list</c>; null means any.</summary>
public sealed record FleetListQuery(
    DevicePhase? Phase = null, string? Lot = null, string? Product = null, ulong? Version = null, string? Search = null, bool? Quarantined = null, int Page = 0, int PageSize = 50);

public sealed record FleetCounts(int Total, IReadOnlyDictionary<string, int> ByPhase, int Quarantined, int CloneAlerts);

public sealed record ChainSummary(long? HeadBlock, string? Contract);

public sealed record FleetSummary(FleetCounts Fleet, ChainSummary Chain);

public sealed record DeviceEvent(DateTimeOffset At, string Kind, string Detail, string? Transaction = null, long? Block = null);

public sealed record InventoryDiff(string Item, string? Expected, string? Reported);

/// <summary>A device as the grain holds it, timeline included.</summary>
public sealed record DeviceView(
    string DeviceRef,
    DevicePhase Phase,
    string? PreId,
    string? ActId,
    string? PendingActId,
    DateTimeOffset? ActivatedAt,
    int CloneAlerts,
    IReadOnlyList<DeviceEvent> Timeline,
    string? InstalledProduct = null,
    ulong InstalledVersion = 0,
    string? UpdateState = null,
    bool Quarantined = false,
    IReadOnlyDictionary<string, string>? LastInventory = null,
    IReadOnlyList<InventoryDiff>? LastInventoryDiff = null,
    DateTimeOffset? LastInventoryAt = null,
    DateTimeOffset? LastSeenAt = null);

/// <summary>A key of a device as the chain holds it now.</summary>
public sealed record ChainKeyView(string Id, string Role, string Purpose, string Status, string Reason, long RegisteredBlock, long StatusBlock, string Registrar);

public sealed record DeviceDetail(DeviceView Device, IReadOnlyList<ChainKeyView> Keys);

public sealed record LotRevocation(string Lot, int Keys, long? Block, string? Transaction);
