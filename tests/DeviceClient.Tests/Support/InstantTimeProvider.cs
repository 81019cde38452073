using System.Collections.Concurrent;

namespace Kusabi.DeviceClient.Tests.Support;

/// <summary>A clock whose timers fire at once, recording what they were asked to wait.</summary>
public sealed class InstantTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return base.CreateTimer(callback, state, dueTime, period);
        Waits.Enqueue(dueTime);
        return base.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
