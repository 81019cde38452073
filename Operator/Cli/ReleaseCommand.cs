using System.CommandLine;
using Kusabi.Operator;
using Kusabi.Protocol.Updates;

namespace Kusabi.Operator.Cli;

/// <summary>`release sign|publish`: sign a manifest for an artifact offline, then upload the artifact and the release.</summary>
public static class ReleaseCommand
{
    public static Command Create()
    {
        var command = new Command("release", "Sign releases and publish them to the server.");
        command.Subcommands.Add(Sign());
        command.Subcommands.Add(Publish());
        return command;
    }

    private static Command Sign()
    {
        var artKey = CliOptions.FileOption("--art-key", "The art key file that signs");
        var artifact = CliOptions.FileOption("--artifact", "The firmware image", "BIN");
        var product = new Option<string>("--product") { Description = "Product name", Required = true, HelpName = "P" };
        var hardware = new Option<string>("--hardware") { Description = "Hardware revision the image is for", Required = true, HelpName = "H" };
        var version = CliOptions.Validated(
            new Option<ulong>("--version") { Description = "Release version, > 0 and above every earlier one of the product", Required = true, HelpName = "N" },
            v => v > 0 ? null : "--version must be a positive integer.");
        var inventory = CliOptions.FileOption("--inventory", "JSON object of extra expected inventory items", "JSON", required: false);
        var output = CliOptions.FileOption("--out", "Where to write the signed release", "release.json");
        var command = new Command("sign", "Sign a release manifest for an artifact (offline; only the art key file is needed).")
        {
            artKey, artifact, product, hardware, version, inventory, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var key = ArtKeyFile.Load(parse.GetValue(artKey)!);
            var artifactPath = parse.GetValue(artifact)!;
            if (!File.Exists(artifactPath)) throw new UsageException($"--artifact '{artifactPath}' does not exist.");
            var digest = await ArtifactDigest.OfFileAsync(artifactPath, cancellationToken);
            if (digest.Size == 0) throw new UsageException($"--artifact '{artifactPath}' is empty.");
            var extra = parse.GetValue(inventory) is { } inventoryPath ? ReadInventory(inventoryPath) : null;
            SignedRelease release;
            try
            {
                release = ReleaseBuilder.Sign(key, parse.GetValue(product)!, parse.GetValue(hardware)!, parse.GetValue(version), digest, extra);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            await File.WriteAllBytesAsync(parse.GetValue(output)!, ReleaseBuilder.Serialize(release), cancellationToken);
            Console.WriteLine($"Signed {parse.GetValue(product)}/{parse.GetValue(hardware)} v{parse.GetValue(version)} " +
                $"({digest.Size} bytes, SHA-256 {digest.Sha256}) with art key {key.Id}; written to {parse.GetValue(output)}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Publish()
    {
        var releaseFile = CliOptions.FileOption("--release", "The signed release from 'release sign'", "release.json");
        var artifact = CliOptions.FileOption("--artifact", "The firmware image the release names", "BIN");
        var server = new ServerOptions();
        var command = new Command("publish", "Upload the artifact (streamed), then the signed release, which the server anchors on chain.") { releaseFile, artifact };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(releaseFile)!;
            var (release, manifest) = ReadRelease(path);
            var artifactPath = parse.GetValue(artifact)!;
            if (!File.Exists(artifactPath)) throw new UsageException($"--artifact '{artifactPath}' does not exist.");
            var digest = await ArtifactDigest.OfFileAsync(artifactPath, cancellationToken);
            if (!string.Equals(digest.Sha256, manifest.ArtifactSha256, StringComparison.OrdinalIgnoreCase) || digest.Size != manifest.ArtifactSize)
                throw new UsageException($"--artifact '{artifactPath}' ({digest.Size} bytes, {digest.Sha256}) is not the one '{path}' names ({manifest.ArtifactSize} bytes, {manifest.ArtifactSha256}).");
            var (client, http) = server.Open(parse);
            using var _ = http;
            var created = await client.UploadArtifactAsync(digest.Sha256, () => File.OpenRead(artifactPath), digest.Size, cancellationToken);
            Console.WriteLine($"Artifact {digest.Sha256} {(created ? "uploaded" : "was already stored")} ({digest.Size} bytes).");
            var published = await client.PublishReleaseAsync(release, cancellationToken);
            Console.WriteLine($"Release {published.Product} v{published.Version} anchored: manifest hash {published.ManifestHash}, block {published.Block}, transaction {published.Transaction}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static IReadOnlyDictionary<string, string> ReadInventory(string path)
    {
        try
        {
            return ReleaseBuilder.ReadInventory(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new UsageException($"--inventory '{path}': {e.Message}");
        }
    }

    private static (SignedRelease, ReleaseManifest) ReadRelease(string path)
    {
        try
        {
            return ReleaseBuilder.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new UsageException($"--release '{path}': {e.Message}");
        }
    }
}
