using System.Text.Json;
using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;

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
    /// <summary>
    /// A deep copy of every settable property, made without a serializer. A property of a type it
    /// does not know fails loudly instead of being shared or dropped.
    /// </summary>
    public static DeviceState Of(DeviceState s) => CopyProperties(s, new DeviceState());

    public static ActKeyRecord? Of(ActKeyRecord? r) => r is null ? null : CopyProperties(r, new ActKeyRecord());

    public static string Json(DeviceState s) => JsonSerializer.Serialize(s);

    private static T CopyProperties<T>(T source, T target)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanRead && p.CanWrite))
            property.SetValue(target, Clone(property.GetValue(source)));
        return target;
    }

    private static object? Clone(object? value) => value switch
    {
        null => null,
        string or ValueType => value,
        byte[] bytes => bytes.ToArray(),
        ActKeyRecord record => Of(record),
        List<DeviceEvent> events => events.ToList(), // DeviceEvent is an immutable record
        _ => throw new NotSupportedException($"StateCopy cannot copy a {value.GetType()}; teach it this type."),
    };
}
