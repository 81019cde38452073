using System.CommandLine;

namespace Kusabi.ChainAdmin.Cli;

/// <summary>The `kusabi-chain` command tree.</summary>
public static class ChainCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("Kusabi consortium chain administration: QBFT network keys and genesis, registry deployment, member accounts.");
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(RegistryCommand.Create());
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count == 0) return await parse.InvokeAsync();
        foreach (var problem in parse.Errors) await Console.Error.WriteLineAsync(problem.Message);
        return BadArguments;
    }
}
