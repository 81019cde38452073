namespace Kusabi.Operator.Cli;

/// <summary>The exit codes of every kusabi-ops command, so scripts can tell what went wrong.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything else: server error, unreachable server or chain node, --timeout, a halted deployment.</summary>
    public const int Failed = 1;

    /// <summary>The arguments or input files are wrong; nothing was sent.</summary>
    public const int BadArguments = 2;

    /// <summary>No token, or the server refused it (401) or its role (403).</summary>
    public const int AuthFailed = 3;

    /// <summary>The server does not know the device, lot or deployment, or refused the request (4xx).</summary>
    public const int Refused = 4;

    /// <summary>The audit found chain and grains disagreeing.</summary>
    public const int AuditDiscrepancy = 5;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
