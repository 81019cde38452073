using System.CommandLine;
using Kusabi.ChainAdmin.Network;

namespace Kusabi.ChainAdmin.Cli;

/// <summary>`keys`: new validator, admin and member keys, with the genesis and Besu files that name them.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write the network files to", Required = true };
        var chainId = new Option<long>("--chain-id") { Description = "Chain ID of the network", DefaultValueFactory = _ => 1337 };
        var validators = new Option<int>("--validators") { Description = "Number of QBFT validators", DefaultValueFactory = _ => 4 };
        var members = new Option<int>("--members") { Description = "Number of member silos", DefaultValueFactory = _ => 3 };
        var hosts = new Option<string[]>("--validator-host")
        {
            Description = "Address each validator is reached at (once per validator; default: the compose network)",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("keys", "Generate a QBFT network: node keys, genesis extraData, permissioning, member and admin accounts.")
        {
            output, chainId, validators, members, hosts,
        };
        command.SetAction(parse =>
        {
            var chosenHosts = parse.GetValue(hosts) is { Length: > 0 } given ? given : NetworkPlan.ComposeValidatorHosts.ToArray();
            NetworkPlan plan;
            try
            {
                plan = NetworkPlan.Generate(parse.GetValue(chainId), parse.GetValue(validators), parse.GetValue(members), chosenHosts);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return ChainCommandLine.BadArguments;
            }
            var directory = parse.GetValue(output)!.FullName;
            NetworkWriter.Write(plan, directory);
            Console.WriteLine($"Wrote {plan.Validators.Count} validators, admin {plan.Admin.Key.Address} and {plan.Members.Count} members to {directory}");
            Console.WriteLine($"Registry address (admin's first transaction): {plan.RegistryAddress}");
            return ChainCommandLine.Ok;
        });
        return command;
    }
}
