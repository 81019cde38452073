namespace Kusabi.DeviceClient.Device;

/// <summary>How long each step of the successful round took, and the whole activation (restarts included).</summary>
public sealed record ActivationTimings(TimeSpan Begin, TimeSpan ActKey, TimeSpan Confirm, TimeSpan Total);

/// <summary>An activated device: its new bundle (act key in place of the pre key) and how it got there.</summary>
public sealed record ActivationResult(DeviceBundle Bundle, ActivationTimings Timings, int Rounds);
