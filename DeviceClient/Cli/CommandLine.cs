using System.CommandLine;

namespace Kusabi.DeviceClient.Cli;

/// <summary>The `kusabi-device` command tree.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Kusabi device client: factory, activation, the device update agent, simulated fleets and load tests.");
        root.Subcommands.Add(FactoryCommand.Create());
        root.Subcommands.Add(ActivateCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(LoadTestCommand.Create());
        root.Subcommands.Add(ChainBenchmarkCommand.Create());
        root.Subcommands.Add(DeviceCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; parse errors exit with <see cref="ExitCodes.BadArguments"/> rather than the library's 1.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? error = null)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count == 0) return await parse.InvokeAsync();
        error ??= Console.Error;
        foreach (var problem in parse.Errors) await error.WriteLineAsync(problem.Message);
        await error.WriteLineAsync("Run 'kusabi-device --help' or 'kusabi-device <command> --help' for usage.");
        return ExitCodes.BadArguments;
    }
}
