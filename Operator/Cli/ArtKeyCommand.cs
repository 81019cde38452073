using System.CommandLine;
using Kusabi.Operator;

namespace Kusabi.Operator.Cli;

/// <summary>`art-key new|register`: make a release-signing key locally and register its public half on chain.</summary>
public static class ArtKeyCommand
{
    public static Command Create()
    {
        var command = new Command("art-key", "Make and register the Ed25519 art key that signs releases.");
        command.Subcommands.Add(New());
        command.Subcommands.Add(Register());
        return command;
    }

    private static Command New()
    {
        var output = CliOptions.FileOption("--out", "Where to write the key pair (created 0600, never overwritten)");
        var command = new Command("new", "Generate an art key pair into an owner-only file.") { output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            var key = ArtKeyFile.Create(parse.GetValue(output)!);
            Console.WriteLine($"Art key {key.Id} written to {parse.GetValue(output)} (mode 0600). Register it with 'art-key register'.");
            return Task.FromResult(ExitCodes.Ok);
        }, cancellationToken));
        return command;
    }

    private static Command Register()
    {
        var keyFile = CliOptions.FileOption("--key", "The art key file made by 'art-key new'");
        var server = new ServerOptions();
        var command = new Command("register", "Register the art key's public half on chain (POST /v1/operator/art-keys).") { keyFile };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var key = ArtKeyFile.Load(parse.GetValue(keyFile)!);
            var (client, http) = server.Open(parse);
            using var _ = http;
            // Only the public half is sent; the private key never leaves the file.
            var registered = await client.RegisterArtKeyAsync(key.Id, key.PublicKey, cancellationToken);
            Console.WriteLine($"Art key {registered.Id} registered in block {registered.Block} (transaction {registered.Transaction}).");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
