using Nethereum.Util;

namespace Kusabi.ChainAdmin.Network;

/// <summary>A named key and, for validators, the host other validators reach it at.</summary>
public sealed record NamedKey(string Name, NodeKey Key, string? Host = null)
{
    public const int P2pPort = 30303;

    public string Enode => $"enode://{Key.EnodeId}@{Host}:{P2pPort}";
}

/// <summary>Everything that defines a consortium network: validators, the registry admin and the member silos.</summary>
public sealed record NetworkPlan(long ChainId, IReadOnlyList<NamedKey> Validators, NamedKey Admin, IReadOnlyList<NamedKey> Members)
{
    /// <summary>The validators' docker network addresses in deploy/compose (no traffic is sent to them from here).</summary>
    public static readonly IReadOnlyList<string> ComposeValidatorHosts = ["172.16.239.11", "172.16.239.12", "172.16.239.13", "172.16.239.14"];

    public static NetworkPlan Generate(long chainId, int validators, int members, IReadOnlyList<string> validatorHosts)
    {
        if (validators < 1 || validators > validatorHosts.Count)
            throw new ArgumentException($"Give between 1 and {validatorHosts.Count} validators (one host each).");
        if (members < 1) throw new ArgumentException("At least one member silo is needed.");
        return new NetworkPlan(
            chainId,
            Enumerable.Range(1, validators).Select(i => new NamedKey($"validator-{i}", NodeKey.Generate(), validatorHosts[i - 1])).ToList(),
            new NamedKey("admin", NodeKey.Generate()),
            Enumerable.Range(1, members).Select(i => new NamedKey($"silo-{i}", NodeKey.Generate())).ToList());
    }

    /// <summary>The registry deployed by the admin's first transaction lands here (CREATE address of nonce 0).</summary>
    public string RegistryAddress =>
        new AddressUtil().ConvertToChecksumAddress(ContractUtils.CalculateContractAddress(Admin.Key.Address, 0));

    /// <summary>Accounts allowed to send transactions: the admin and the members.</summary>
    public IEnumerable<string> AllowedAccounts => Members.Select(m => m.Key.Address).Prepend(Admin.Key.Address);
}
