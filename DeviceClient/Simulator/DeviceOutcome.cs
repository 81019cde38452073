using Kusabi.DeviceClient.Device;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Simulator;

/// <summary>What happened to one simulated device: an activation result, or an error code and message.</summary>
public sealed record DeviceOutcome(DeviceRef Device, ActivationResult? Result, string? ErrorCode, string? Error)
{
    public bool Succeeded => Result is not null;

    public static DeviceOutcome Failed(DeviceRef device, Exception error) => new(device, null, CodeOf(error), error.Message);

    /// <summary>A short, countable name for a failure: the problem code when the server gave one.</summary>
    public static string CodeOf(Exception error) => error switch
    {
        KusabiApiException api => api.Code,
        KusabiUnreachableException => "unreachable",
        KusabiProtocolException => "protocol-error",
        OperationCanceledException => "cancelled",
        _ => error.GetType().Name,
    };
}
