using System.CommandLine;
using Kusabi.Client;
using Kusabi.Operator.Fleet;

namespace Kusabi.Operator.Cli;

/// <summary>
/// --server and the bearer token, from --token, --token-file or the KUSABI_TOKEN environment
/// variable (in that order), shared by every command that talks to the operator API.
/// </summary>
public sealed class ServerOptions
{
    public const string TokenVariable = "KUSABI_TOKEN";

    private readonly Option<string> _server = CliOptions.Server();
    private readonly Option<string?> _token = new("--token") { Description = $"Bearer token (or set {TokenVariable}, or use --token-file)", HelpName = "TOKEN" };
    private readonly Option<string?> _tokenFile = new("--token-file") { Description = "File holding the bearer token (e.g. .kusabi/operator.token)", HelpName = "FILE" };

    public void AddTo(Command command)
    {
        command.Options.Add(_server);
        command.Options.Add(_token);
        command.Options.Add(_tokenFile);
    }

    /// <summary>A client of the operator API; the caller disposes the returned HttpClient.</summary>
    /// <exception cref="MissingTokenException">No token was given.</exception>
    public (OperatorClient Client, HttpClient Http) Open(ParseResult parse)
    {
        var connection = Connect(parse);
        return (new OperatorClient(connection.Api, connection.Token), connection.Http);
    }

    /// <exception cref="MissingTokenException">No token was given.</exception>
    public ServerConnection Connect(ParseResult parse)
    {
        var server = CliOptions.ParseServer(parse.GetValue(_server)!);
        var token = ResolveToken(parse.GetValue(_token), parse.GetValue(_tokenFile), Environment.GetEnvironmentVariable(TokenVariable));
        var http = KusabiHttp.CreateClient(2);
        return new ServerConnection(http, new KusabiApiClient(http, server), token);
    }

    public static string ResolveToken(string? token, string? tokenFile, string? fromEnvironment)
    {
        if (!string.IsNullOrWhiteSpace(token)) return CheckToken(token.Trim(), "--token");
        if (tokenFile is not null) return CheckToken(ReadFile(tokenFile), $"--token-file '{tokenFile}'");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return CheckToken(fromEnvironment.Trim(), TokenVariable);
        throw new MissingTokenException($"No bearer token: give --token, --token-file or set {TokenVariable}.");
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--token-file '{path}' cannot be read: {e.Message}");
        }
    }

    private static string CheckToken(string token, string source)
    {
        if (token.Length == 0) throw new MissingTokenException($"{source} is empty.");
        if (token.Any(char.IsWhiteSpace)) throw new UsageException($"{source} must hold one token without spaces or line breaks.");
        return token;
    }
}

/// <summary>One server, one token; dispose to close its connections.</summary>
public sealed record ServerConnection(HttpClient Http, KusabiApiClient Api, string Token) : IDisposable
{
    public FleetClient Fleet => new(Api, Token);

    public void Dispose() => Http.Dispose();
}
