using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kusabi.ChainAdmin.Network;

/// <summary>
/// Writes a network plan as the files Besu, the compose file and the registry job read. Private keys
/// go to owner-only files; network.json holds only public facts.
/// </summary>
public static class NetworkWriter
{
    public const string NetworkFile = "network.json";
    public const string RegistryEnvFile = "registry.env";
    public const string AccountsDirectory = "accounts";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(NetworkPlan plan, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "genesis.json"), GenesisFile.Build(plan).ToJsonString(Indented) + "\n");
        File.WriteAllText(Path.Combine(directory, "permissions_config.toml"), BesuConfigFiles.Permissions(plan));
        foreach (var validator in plan.Validators)
        {
            var folder = Path.Combine(directory, validator.Name);
            Directory.CreateDirectory(folder);
            WriteSecret(Path.Combine(folder, "key"), validator.Key.PrivateKey);
            File.WriteAllText(Path.Combine(folder, "key.pub"), validator.Key.PublicKey);
            File.WriteAllText(Path.Combine(folder, "config.toml"), BesuConfigFiles.NodeConfig(plan, validator));
        }

        var accounts = Path.Combine(directory, AccountsDirectory);
        Directory.CreateDirectory(accounts);
        WriteSecret(Path.Combine(accounts, "admin.key"), plan.Admin.Key.PrivateKey);
        foreach (var member in plan.Members)
        {
            WriteSecret(Path.Combine(accounts, $"{member.Name}.key"), member.Key.PrivateKey);
            // The silo reads its member account from Chain:SignerPrivateKey.
            WriteSecret(Path.Combine(accounts, $"{member.Name}.env"), $"Chain__SignerPrivateKey={member.Key.PrivateKey}");
        }
        File.WriteAllText(Path.Combine(directory, RegistryEnvFile),
            $"Chain__ChainId={plan.ChainId}\nChain__ContractAddress={plan.RegistryAddress}\n");
        File.WriteAllText(Path.Combine(directory, NetworkFile), Describe(plan).ToJsonString(Indented) + "\n");
    }

    private static JsonObject Describe(NetworkPlan plan) => new()
    {
        ["chainId"] = plan.ChainId,
        ["registry"] = plan.RegistryAddress,
        ["admin"] = plan.Admin.Key.Address,
        ["members"] = new JsonArray(plan.Members.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["address"] = m.Key.Address }).ToArray()),
        ["validators"] = new JsonArray(plan.Validators.Select(v => (JsonNode)new JsonObject
        {
            ["name"] = v.Name,
            ["address"] = v.Key.Address,
            ["enode"] = v.Enode,
        }).ToArray()),
    };

    private static void WriteSecret(string path, string content)
    {
        File.WriteAllText(path, content + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
