using System.Text.Json;
using Kusabi.Grains.Interfaces;

namespace Kusabi.Fault.Tests;

/// <summary>What the operator API says of one device: enough to tell whether a fault changed it.</summary>
public sealed record DeviceSnapshot(string DeviceRef, DevicePhase Phase, string? PreId, string? ActId, string? PendingActId)
{
    /// <summary>From the body of GET /v1/operator/devices/{ref}.</summary>
    public static DeviceSnapshot From(JsonElement detail)
    {
        var view = detail.GetProperty("device");
        var phase = view.GetProperty("phase");
        return new DeviceSnapshot(
            view.GetProperty("deviceRef").GetString()!,
            phase.ValueKind == JsonValueKind.Number ? (DevicePhase)phase.GetInt32() : Enum.Parse<DevicePhase>(phase.GetString()!),
            Text(view, "preId"), Text(view, "actId"), Text(view, "pendingActId"));
    }

    private static string? Text(JsonElement view, string name) =>
        view.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
