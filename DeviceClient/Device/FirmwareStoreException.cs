namespace Kusabi.DeviceClient.Device;

/// <summary>The simulated firmware store (state file) is unreadable, invalid, or does not match the device.</summary>
public sealed class FirmwareStoreException(string message, Exception? innerException = null) : Exception(message, innerException);
