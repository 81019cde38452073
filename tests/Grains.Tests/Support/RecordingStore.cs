using System.Text.Json;
using Kusabi.Grains.Devices;

namespace Kusabi.Grains.Tests.Support;

/// <summary>The process died in the middle of a state write (simulated).</summary>
public sealed class SimulatedCrashException() : Exception("Simulated crash during a state write.");

/// <summary>
/// The <c>save</c> callback: keeps a deep copy of every persisted state, and can be told to crash
/// once on a matching write, either before the write lands or right after it did.
/// </summary>
public sealed class RecordingStore
{
    private Func<DeviceState, bool>? _crashWhen;
    private bool _persistBeforeCrash;

    public List<DeviceState> Writes { get; } = [];

    public int WriteCount => Writes.Count;

    /// <summary>What storage holds now; null while nothing was ever written.</summary>
    public DeviceState? LastPersisted => Writes.Count == 0 ? null : Writes[^1];

    public void CrashOnce(Func<DeviceState, bool> when, bool afterPersisting)
    {
        _crashWhen = when;
        _persistBeforeCrash = afterPersisting;
    }

    public Task SaveAsync(DeviceState state)
    {
        if (_crashWhen is { } when && when(state))
        {
            _crashWhen = null;
            if (_persistBeforeCrash) Writes.Add(StateCopy.Of(state));
            throw new SimulatedCrashException();
        }
        Writes.Add(StateCopy.Of(state));
        return Task.CompletedTask;
    }
}

public static class StateCopy
{
    /// <summary>A deep copy made field by field (no serializer involved).</summary>
    public static DeviceState Of(DeviceState s) => new()
    {
        Phase = s.Phase,
        PreId = s.PreId,
        PreConsumed = s.PreConsumed,
        PendingAct = Of(s.PendingAct),
        Act = Of(s.Act),
        ActivatedAt = s.ActivatedAt,
        CloneAlerts = s.CloneAlerts,
        Timeline = [.. s.Timeline],
    };

    public static ActKeyRecord? Of(ActKeyRecord? r) => r is null
        ? null
        : new ActKeyRecord { Id = r.Id, PublicKey = r.PublicKey.ToArray(), Registered = r.Registered, Transaction = r.Transaction, Block = r.Block };

    public static string Json(DeviceState s) => JsonSerializer.Serialize(s);
}
