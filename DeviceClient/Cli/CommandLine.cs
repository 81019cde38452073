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
    public static Task<int> InvokeAsync(string[] args, TextWriter? error = null) =>
        ParsedCommandLine.InvokeAsync(Build(), "kusabi-device", args, ExitCodes.BadArguments, error);
}
