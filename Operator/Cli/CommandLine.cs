using System.CommandLine;

namespace Kusabi.Operator.Cli;

/// <summary>The `kusabi-ops` command tree.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Kusabi operators' tool: fleet queries and actions, art keys, releases, deployments and the chain audit.");
        root.Subcommands.Add(FleetCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(DeviceCommand.Create());
        root.Subcommands.Add(LotCommand.Create());
        root.Subcommands.Add(ArtKeyCommand.Create());
        root.Subcommands.Add(ReleaseCommand.Create());
        root.Subcommands.Add(DeployCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; parse errors exit with <see cref="ExitCodes.BadArguments"/> rather than the library's 1.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? error = null) =>
        ParsedCommandLine.InvokeAsync(Build(), "kusabi-ops", args, ExitCodes.BadArguments, error);
}
