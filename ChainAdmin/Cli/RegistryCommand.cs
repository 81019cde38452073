using System.CommandLine;
using System.Text.Json;
using Kusabi.ChainAdmin.Network;
using Kusabi.ChainAdmin.Registry;
using Nethereum.Util;

namespace Kusabi.ChainAdmin.Cli;

/// <summary>`registry`: deploy the registry if it is missing and admit the members that are not yet members.</summary>
public static class RegistryCommand
{
    public static Command Create()
    {
        var rpc = new Option<string>("--rpc") { Description = "JSON-RPC URL of a node", Required = true };
        var chainId = new Option<long?>("--chain-id") { Description = "Chain ID (default: network.json's, else 31337)" };
        var adminKeyFile = new Option<FileInfo>("--admin-key-file") { Description = "File holding the registry admin's private key (hex)", Required = true };
        var members = new Option<string[]>("--member") { Description = "Member account address (repeatable)", AllowMultipleArgumentsPerToken = true };
        var network = new Option<FileInfo?>("--network") { Description = "network.json written by `keys`: its members are admitted" };
        var contract = new Option<string?>("--contract") { Description = "Use this deployed registry instead of the admin's first deployment" };
        var record = new Option<FileInfo?>("--record") { Description = "Write the outcome (registry address, members) as JSON here" };
        var wait = new Option<int>("--wait-seconds") { Description = "How long to wait for the node to answer", DefaultValueFactory = _ => 120 };
        var command = new Command("registry", "Deploy the registry once and admit the member accounts; safe to run again.")
        {
            rpc, chainId, adminKeyFile, members, network, contract, record, wait,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var description = parse.GetValue(network) is { } file ? NetworkDescription.Read(file.FullName) : null;
            var accounts = (parse.GetValue(members) ?? []).Concat(description?.Members.Select(m => m.Address) ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (accounts.Count == 0 || accounts.Any(a => !AddressUtil.Current.IsValidEthereumAddressHexFormat(a)))
            {
                Console.Error.WriteLine("Name the member accounts with --member ADDRESS or --network FILE (valid 0x addresses).");
                return ChainCommandLine.BadArguments;
            }
            var adminKey = (await File.ReadAllTextAsync(parse.GetValue(adminKeyFile)!.FullName, cancellationToken)).Trim();
            var url = parse.GetValue(rpc)!;
            try
            {
                await RegistrySetup.WaitForNodeAsync(url, TimeSpan.FromSeconds(parse.GetValue(wait)), cancellationToken);
                var outcome = await RegistrySetup.EnsureAsync(url, parse.GetValue(chainId) ?? description?.ChainId ?? 31337, adminKey, accounts,
                    parse.GetValue(contract), cancellationToken);
                var json = JsonSerializer.Serialize(outcome, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
                if (parse.GetValue(record) is { } recordFile) await File.WriteAllTextAsync(recordFile.FullName, json + "\n", cancellationToken);
                Console.WriteLine(json);
                return ChainCommandLine.Ok;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"registry: {e.Message}");
                return ChainCommandLine.Failed;
            }
        });
        return command;
    }
}
