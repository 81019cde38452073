namespace Kusabi.DeviceClient.LoadTest;

/// <summary>The chain could not be read around a load test; the run's own figures still stand.</summary>
public sealed class ChainProbeException(string message, Exception? inner = null) : Exception(message, inner);
