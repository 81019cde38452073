using Kusabi.Grains.Interfaces;

namespace Kusabi.Grains.Devices;

/// <summary>Appends to a device's timeline, keeping only the newest entries.</summary>
public static class DeviceTimeline
{
    public static void Record(DeviceState state, DateTimeOffset at, int limit, string kind, string detail, string? transaction = null, long? block = null)
    {
        state.Timeline.Add(new DeviceEvent(at, kind, detail, transaction, block));
        if (state.Timeline.Count > limit) state.Timeline.RemoveRange(0, state.Timeline.Count - limit);
    }
}
