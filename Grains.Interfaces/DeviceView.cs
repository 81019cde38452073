namespace Kusabi.Grains.Interfaces;

/// <summary>A device as operators see it.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.DeviceView")]
public sealed record DeviceView(
    [property: Id(0)] string DeviceRef,
    [property: Id(1)] DevicePhase Phase,
    [property: Id(2)] string? PreId,
    [property: Id(3)] string? ActId,
    [property: Id(4)] string? PendingActId,
    [property: Id(5)] DateTimeOffset? ActivatedAt,
    [property: Id(6)] int CloneAlerts,
    [property: Id(7)] IReadOnlyList<DeviceEvent> Timeline,
    [property: Id(8)] string? InstalledProduct = null,
    [property: Id(9)] ulong InstalledVersion = 0,
    [property: Id(10)] UpdateAssignmentInfo? Assignment = null,
    [property: Id(11)] string? UpdateState = null,
    [property: Id(12)] bool Quarantined = false,
    [property: Id(13)] IReadOnlyDictionary<string, string>? LastInventory = null,
    [property: Id(14)] IReadOnlyList<InventoryDiff>? LastInventoryDiff = null,
    [property: Id(15)] DateTimeOffset? LastInventoryAt = null,
    [property: Id(16)] DateTimeOffset? LastSeenAt = null);

/// <summary>One entry of a device's timeline; chain references where a change landed on chain.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.DeviceEvent")]
public sealed record DeviceEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Detail,
    [property: Id(3)] string? Transaction = null,
    [property: Id(4)] long? Block = null);
