using System.CommandLine;
using Kusabi.DeviceClient.Device;

namespace Kusabi.DeviceClient.Cli;

/// <summary>
/// `factory`: make N devices, register their pre keys, and write one bundle per device. A bundle is
/// written only once its key is registered, so every file on disk is a device the server knows.
/// </summary>
public static class FactoryCommand
{
    public const int MaxCount = 100_000;

    public static Command Create()
    {
        var count = CliOptions.Bounded("--count", "Devices to make", 1, MaxCount);
        var server = CliOptions.Server();
        var tokenFile = CliOptions.TokenFile();
        var output = new Option<string>("--out") { Description = "Folder for the bundles, one <deviceRef>.json per device (created 0700)", Required = true, HelpName = "DIR" };
        var chainId = CliOptions.Validated(
            new Option<long?>("--chain-id") { Description = "Chain ID recorded in each bundle", HelpName = "ID" },
            id => id is null or > 0 ? null : $"--chain-id must be a positive integer; got {id}.");
        var contract = CliOptions.Validated(
            new Option<string?>("--contract") { Description = "KeyRegistry contract address recorded in each bundle", HelpName = "0x…" },
            address => address is null || DeviceBundleRules.IsContractAddress(address) ? null : $"--contract must be 0x followed by 40 hexadecimal characters; got '{address}'.");
        var command = new Command("factory", "Make devices, register their pre keys with the server, and write their bundles.")
        {
            count, server, tokenFile, output, chainId, contract,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => RunAsync(
            parse.GetValue(count), CliOptions.ParseServer(parse.GetValue(server)!), parse.GetValue(tokenFile)!, parse.GetValue(output)!,
            parse.GetValue(chainId), parse.GetValue(contract), cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int count, Uri server, string tokenFile, string folder, long? chainId, string? contract, CancellationToken cancellationToken)
    {
        var token = CliOptions.ReadToken(tokenFile);
        if (File.Exists(folder)) throw new UsageException($"--out '{folder}' is a file; it must be a folder.");
        DeviceBundleFile.CreateOwnerOnlyDirectory(Path.GetFullPath(folder));

        var devices = DeviceManufacturer.MakeMany(count, server, chainId, contract);
        using var http = KusabiHttp.CreateClient(FactoryClient.DefaultParallelism);
        var factory = new FactoryClient(new KusabiApiClient(http, server), token);
        var progress = new ProgressBar("registered", count);
        var written = 0;
        try
        {
            await factory.RegisterAsync(devices.Select(d => d.PreKey).ToList(), (chunk, _) =>
            {
                for (var i = chunk.Offset; i < chunk.Offset + chunk.Count; i++)
                {
                    DeviceBundleFile.Save(devices[i].Bundle, Path.Combine(folder, $"{devices[i].Bundle.DeviceRef}.json"));
                    Interlocked.Increment(ref written);
                }
                return Task.CompletedTask;
            }, progress, cancellationToken);
        }
        finally
        {
            progress.Finish();
            if (written < count) await Console.Error.WriteLineAsync($"{written} of {count} devices were registered and written to {folder} before the failure.");
        }
        Console.WriteLine($"Registered {count} pre keys and wrote {written} bundles to {folder}.");
        return ExitCodes.Ok;
    }
}
