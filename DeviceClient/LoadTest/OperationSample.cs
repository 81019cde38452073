namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// One finished operation of a load-test phase: when it finished (seconds since the run started),
/// how long it took, and its error code (null when it succeeded).
/// </summary>
public sealed record OperationSample(double EndSeconds, double LatencyMs, string? ErrorCode)
{
    public bool Succeeded => ErrorCode is null;
}
