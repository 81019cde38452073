namespace Kusabi.DeviceClient.Cli;

/// <summary>The process exit codes of every command, so scripts can tell whose fault a failure was.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran but something failed (a device did not activate, a file could not be written, --timeout).</summary>
    public const int Failed = 1;

    /// <summary>The arguments or the input files are wrong; nothing was sent.</summary>
    public const int BadArguments = 2;

    /// <summary>The server answered with an error (its problem detail is printed) or an unusable answer.</summary>
    public const int ServerRefused = 3;

    /// <summary>The server could not be reached, even after retries.</summary>
    public const int ServerUnreachable = 4;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
