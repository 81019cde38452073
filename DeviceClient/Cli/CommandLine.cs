using System.CommandLine;

namespace Kusabi.DeviceClient.Cli;

/// <summary>The `kusabi-device` command tree.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Kusabi device client: factory, activation, simulated fleets and load tests.");
        root.Subcommands.Add(ChainBenchmarkCommand.Create());
        return root;
    }
}
