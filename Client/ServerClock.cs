namespace Kusabi.Client;

/// <summary>
/// The server's time as seen from here: the offset between the server's <c>Date</c> response
/// header and the local clock. Signed device requests carry a timestamp the server accepts only
/// within a few minutes of its own clock, so a device with a wrong clock signs with server time.
/// Thread-safe.
/// </summary>
public sealed class ServerClock(TimeProvider? time = null)
{
    // Date has one-second resolution: the server's clock was somewhere in [Date, Date + 1 s).
    private static readonly TimeSpan s_halfResolution = TimeSpan.FromMilliseconds(500);

    private long _offsetTicks;

    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    /// <summary>Server time minus local time, from the latest response that carried a Date header.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));

    /// <summary>True once any response carried a Date header.</summary>
    public bool HasObserved { get; private set; }

    /// <summary>The best estimate of the server's current time.</summary>
    public DateTimeOffset Now => Time.GetUtcNow() + Offset;

    public long NowUnixMilliseconds => Now.ToUnixTimeMilliseconds();

    /// <summary>Takes a response's Date header; a missing header changes nothing.</summary>
    public void Observe(DateTimeOffset? serverDate)
    {
        if (serverDate is not { } date) return;
        var offset = date + s_halfResolution - Time.GetUtcNow();
        Volatile.Write(ref _offsetTicks, offset.Ticks);
        HasObserved = true;
    }
}
