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
    public static async Task<int> InvokeAsync(string[] args, TextWriter? error = null)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count == 0) return await parse.InvokeAsync();
        error ??= Console.Error;
        foreach (var problem in parse.Errors) await error.WriteLineAsync(problem.Message);
        await error.WriteLineAsync("Run 'kusabi-ops --help' or 'kusabi-ops <command> --help' for usage.");
        return ExitCodes.BadArguments;
    }
}
