using Kusabi.ChainAdmin.Network;
using Tomlyn.Model;

namespace Kusabi.Deploy.Tests;

/// <summary>
/// Reads a network directory written by generate-keys.sh (the committed one or a fresh one) and
/// derives every address from the key files themselves, never from the files that name them.
/// </summary>
public sealed class NetworkFiles(string directory)
{
    public string Directory { get; } = directory;
    public static NetworkFiles Committed { get; } = new(DeployFiles.Path("besu"));

    public IReadOnlyList<string> ValidatorNames =>
        System.IO.Directory.GetDirectories(Directory, "validator-*").Select(Path.GetFileName).Order().ToList()!;

    public NodeKey ValidatorKey(string name) => NodeKey.FromPrivateKey(File.ReadAllText(Path.Combine(Directory, name, "key")));

    public string ValidatorPublicKey(string name) => File.ReadAllText(Path.Combine(Directory, name, "key.pub")).Trim();

    public IReadOnlyList<string> ValidatorAddresses => ValidatorNames.Select(n => ValidatorKey(n).Address).ToList();

    public NodeKey AdminKey => NodeKey.FromPrivateKey(File.ReadAllText(Path.Combine(Directory, "accounts", "admin.key")));

    public IReadOnlyList<string> MemberNames =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "accounts"), "silo-*.key").Select(Path.GetFileNameWithoutExtension).Order().ToList()!;

    public NodeKey MemberKey(string name) => NodeKey.FromPrivateKey(File.ReadAllText(Path.Combine(Directory, "accounts", $"{name}.key")));

    public System.Text.Json.Nodes.JsonNode Genesis =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "genesis.json")))!;

    public TomlTable Permissions => DeployFiles.Toml(Path.Combine(Directory, "permissions_config.toml"));

    public TomlTable NodeConfig(string validator) => DeployFiles.Toml(Path.Combine(Directory, validator, "config.toml"));

    public Dictionary<string, string> RegistryEnv => DeployFiles.EnvFile(Path.Combine(Directory, "registry.env"));

    public static IReadOnlyList<string> Lower(IEnumerable<string> addresses) => addresses.Select(a => a.ToLowerInvariant()).ToList();

    public static IReadOnlyList<string> Strings(TomlTable table, string key) => ((TomlArray)table[key]!).Select(v => (string)v!).ToList();
}
