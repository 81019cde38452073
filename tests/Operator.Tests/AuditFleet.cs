using Kusabi.Chain.Audit;
using Kusabi.Chain.Model;
using Kusabi.Operator.Fleet;
using Kusabi.Protocol.Identity;

namespace Kusabi.Operator.Tests;

/// <summary>Builds both sides of an audit by hand: keys as the chain's events tell them, devices as the grains list them.</summary>
public sealed class AuditFleet
{
    private readonly Dictionary<KusabiId, KeyHistory> _keys = [];
    private readonly List<DeviceSummary> _devices = [];
    private long _block = 10;

    public List<EventAnomaly> Anomalies { get; } = [];

    public KusabiId Key(KeyPurpose purpose, DeviceRef device, KeyStatus status = KeyStatus.Active)
    {
        var id = KusabiId.Create(purpose, new byte[32]);
        _block++;
        _keys[id] = new KeyHistory(id, purpose, device, "0xmember", _block, $"0xreg{_block}",
            status, status == KeyStatus.Consumed ? RevocationReason.Activated : RevocationReason.Unspecified,
            status == KeyStatus.Active ? null : _block + 1, status == KeyStatus.Active ? null : $"0xchg{_block}");
        return id;
    }

    public void SetStatus(KusabiId id, KeyStatus status) => _keys[id] = _keys[id] with { Status = status, StatusBlock = 99, StatusTransaction = "0xchange" };

    /// <summary>A device the factory registered and no grain has seen.</summary>
    public (DeviceRef Device, KusabiId Pre) FactoryOnly()
    {
        var device = DeviceRef.CreateRandom();
        return (device, Key(KeyPurpose.Pre, device));
    }

    /// <summary>An activated device: pre key consumed, one active act key, the grain holding both.</summary>
    public (DeviceRef Device, KusabiId Pre, KusabiId Act) Active()
    {
        var device = DeviceRef.CreateRandom();
        var pre = Key(KeyPurpose.Pre, device, KeyStatus.Consumed);
        var act = Key(KeyPurpose.Act, device);
        Grain(device, DevicePhase.Active, pre, act);
        return (device, pre, act);
    }

    /// <summary>A device revoked by an operator after activation: act key revoked, pre key consumed.</summary>
    public (DeviceRef Device, KusabiId Pre, KusabiId Act) Revoked()
    {
        var device = DeviceRef.CreateRandom();
        var pre = Key(KeyPurpose.Pre, device, KeyStatus.Consumed);
        var act = Key(KeyPurpose.Act, device, KeyStatus.Revoked);
        Grain(device, DevicePhase.Revoked, pre, act);
        return (device, pre, act);
    }

    public void Grain(DeviceRef device, DevicePhase phase, KusabiId? pre, KusabiId? act, KusabiId? pendingAct = null)
    {
        _devices.RemoveAll(d => d.DeviceRef == device.ToString());
        _devices.Add(new DeviceSummary(device.ToString(), phase, pre?.ToString(), act?.ToString(), PendingActId: pendingAct?.ToString()));
    }

    public RegistryHistory Chain => new(_keys, Anomalies, 0, _block + 2, _keys.Count);

    public IReadOnlyList<DeviceSummary> Devices => _devices;
}
