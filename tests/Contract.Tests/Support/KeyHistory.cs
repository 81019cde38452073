using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;
using Nethereum.Contracts;

namespace Kusabi.Contract.Tests.Support;

/// <summary>Rebuilds every key's record from the registry's KeyRegistered and KeyStatusChanged logs alone.</summary>
public static class KeyHistory
{
    public static Dictionary<KusabiId, KeyRecord> Rebuild(
        IEnumerable<EventLog<KeyRegisteredEvent>> registered,
        IEnumerable<EventLog<KeyStatusChangedEvent>> changed)
    {
        var timeline = registered.Select(e => (e.Log, Apply: (Action<Dictionary<KusabiId, KeyRecord>>)(keys => Register(keys, e))))
            .Concat(changed.Select(e => (e.Log, Apply: (Action<Dictionary<KusabiId, KeyRecord>>)(keys => Change(keys, e)))))
            .OrderBy(x => x.Log.BlockNumber.Value).ThenBy(x => x.Log.LogIndex.Value);
        var keys = new Dictionary<KusabiId, KeyRecord>();
        foreach (var (_, apply) in timeline) apply(keys);
        return keys;
    }

    private static void Register(Dictionary<KusabiId, KeyRecord> keys, EventLog<KeyRegisteredEvent> log)
    {
        var e = log.Event;
        var id = new KusabiId(e.Id);
        keys.Should().NotContainKey(id, "a key is registered at most once");
        var device = e.DeviceRef.Any(b => b != 0) ? new DeviceRef(e.DeviceRef) : (DeviceRef?)null;
        keys[id] = new KeyRecord(id, (KeyPurpose)e.Purpose, (KeyAlgorithm)e.Algorithm, e.PublicKey, device, e.Registrar,
            KeyStatus.Active, RevocationReason.Unspecified, (long)log.Log.BlockNumber.Value, 0);
    }

    private static void Change(Dictionary<KusabiId, KeyRecord> keys, EventLog<KeyStatusChangedEvent> log)
    {
        var e = log.Event;
        var id = new KusabiId(e.Id);
        keys.Should().ContainKey(id, "a status change follows the key's registration");
        ((KeyStatus)e.From).Should().Be(keys[id].Status, "the event's from-status is the status the logs so far give");
        keys[id] = keys[id] with { Status = (KeyStatus)e.To, Reason = (RevocationReason)e.Reason, StatusBlock = (long)log.Log.BlockNumber.Value };
    }
}
