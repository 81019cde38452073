using System.Text.Json;

namespace Kusabi.ChainAdmin.Network;

/// <summary>The public facts of network.json: who administers the registry, who may write, where it lives.</summary>
public sealed record NetworkDescription(long ChainId, string Registry, string Admin, List<NetworkAccount> Members, List<NetworkValidator> Validators)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static NetworkDescription Read(string path) =>
        JsonSerializer.Deserialize<NetworkDescription>(File.ReadAllText(path), Web)
        ?? throw new InvalidDataException($"{path} is empty.");
}

public sealed record NetworkAccount(string Name, string Address);

public sealed record NetworkValidator(string Name, string Address, string Enode);
