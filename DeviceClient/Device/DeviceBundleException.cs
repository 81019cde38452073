namespace Kusabi.DeviceClient.Device;

/// <summary>A bundle file is missing, unreadable or invalid. The message names the file and the field, never a key.</summary>
public sealed class DeviceBundleException : Exception
{
    public DeviceBundleException(string path, string problem, Exception? innerException = null)
        : base($"Device bundle '{path}': {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
