using System.CommandLine;
using Kusabi.Client.Cli;

namespace Kusabi.DeviceClient.Cli;

/// <summary>The device client's own options, beside those every Kusabi tool shares.</summary>
public abstract class CliOptions : CommandLineOptions
{
    public static Option<string> TokenFile() =>
        new("--token-file") { Description = "File holding the factory bearer token (e.g. .kusabi/factory.token)", Required = true, HelpName = "FILE" };

    public static Option<string> OperatorTokenFile(string name = "--token-file", bool required = true) =>
        new(name) { Description = "File holding the operator bearer token (e.g. .kusabi/operator.token)", Required = required, HelpName = "FILE" };

    /// <summary>Reads the token file; surrounding whitespace (a trailing newline) is not part of the token.</summary>
    public static string ReadToken(string path)
    {
        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--token-file '{path}' cannot be read: {e.Message}");
        }
        if (token.Length == 0) throw new UsageException($"--token-file '{path}' is empty.");
        if (token.Any(char.IsWhiteSpace)) throw new UsageException($"--token-file '{path}' must hold one token without spaces or line breaks.");
        return token;
    }
}
