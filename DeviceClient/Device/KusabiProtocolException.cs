namespace Kusabi.DeviceClient.Device;

/// <summary>
/// The server answered "success" with something the device cannot accept: malformed JSON, a field
/// of the wrong size, or a sealed value that does not open. Messages never carry key material.
/// </summary>
public sealed class KusabiProtocolException(string message, Exception? innerException = null)
    : Exception(message, innerException);
