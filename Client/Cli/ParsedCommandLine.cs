using System.CommandLine;

namespace Kusabi.Client.Cli;

/// <summary>Runs a tool's command tree the same way for every Kusabi tool.</summary>
public static class ParsedCommandLine
{
    /// <summary>
    /// Parses and runs; parse errors are printed with a pointer to the help and exit with the tool's
    /// <paramref name="badArgumentsExitCode"/> rather than the library's 1.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string toolName, string[] args, int badArgumentsExitCode, TextWriter? error = null)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0) return await parse.InvokeAsync();
        error ??= Console.Error;
        foreach (var problem in parse.Errors) await error.WriteLineAsync(problem.Message);
        await error.WriteLineAsync($"Run '{toolName} --help' or '{toolName} <command> --help' for usage.");
        return badArgumentsExitCode;
    }
}
