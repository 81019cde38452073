using Kusabi.Grains.Interfaces;

namespace Kusabi.Grains.Devices;

/// <summary>
/// What a device grain persists. Public keys, IDs and chain references only: the session key and
/// every private key stay in memory, so storage can never leak them.
/// </summary>
[GenerateSerializer, Alias("Kusabi.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public DevicePhase Phase { get; set; } = DevicePhase.Factory;
    [Id(1)] public string? PreId { get; set; }
    /// <summary>This device's own activation consumed the pre key on chain.</summary>
    [Id(2)] public bool PreConsumed { get; set; }
    /// <summary>An act key issued (or about to be registered) and not yet confirmed by the device.</summary>
    [Id(3)] public ActKeyRecord? PendingAct { get; set; }
    [Id(4)] public ActKeyRecord? Act { get; set; }
    [Id(5)] public DateTimeOffset? ActivatedAt { get; set; }
    [Id(6)] public int CloneAlerts { get; set; }
    [Id(7)] public List<DeviceEvent> Timeline { get; set; } = [];
    /// <summary>The session whose confirmation activated the device, so a resent confirmation is answered again.</summary>
    [Id(8)] public string? ConfirmedSessionId { get; set; }
    [Id(9)] public string? InstalledProduct { get; set; }
    [Id(10)] public ulong InstalledVersion { get; set; }
    [Id(11)] public UpdateAssignmentInfo? Assignment { get; set; }
    /// <summary>assigned, downloading, installed or failed: the device's last word on its assignment.</summary>
    [Id(12)] public string? UpdateState { get; set; }
    [Id(13)] public bool Quarantined { get; set; }
    [Id(14)] public Dictionary<string, string>? LastInventory { get; set; }
    [Id(15)] public List<InventoryDiff>? LastInventoryDiff { get; set; }
    [Id(16)] public DateTimeOffset? LastInventoryAt { get; set; }
}

/// <summary>An act key's public half and where it landed on chain.</summary>
[GenerateSerializer, Alias("Kusabi.ActKeyRecord")]
public sealed class ActKeyRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public byte[] PublicKey { get; set; } = [];
    [Id(2)] public bool Registered { get; set; }
    [Id(3)] public string? Transaction { get; set; }
    [Id(4)] public long? Block { get; set; }
}
