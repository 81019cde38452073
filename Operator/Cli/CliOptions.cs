using System.CommandLine;
using Kusabi.Client.Cli;

namespace Kusabi.Operator.Cli;

/// <summary>The operators' tool's own options, beside those every Kusabi tool shares.</summary>
public abstract class CliOptions : CommandLineOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print the server's answer as JSON instead of a table" };
}
