using System.Globalization;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Node;
using Kusabi.ChainAdmin.Registry;
using Kusabi.Silo.Security;
using Kusabi.TestSupport;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// The cluster scripts/cluster.sh starts, from the same parts: Redis (AOF, fsync always), anvil with
/// a state file, the registry deployed and members admitted by kusabi-chain's RegistrySetup, and
/// three silo processes (durable profile), each signing with its own member account.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public const int Size = 3;
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("kusabi-cluster-").FullName;
    private RedisServer _redis = null!;
    private AnvilNode _anvil = null!;

    public string FactoryToken { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    public IReadOnlyList<string> MemberKeys { get; } = AnvilNode.DevelopmentKeys.Skip(1).Take(Size).ToList();
    public IReadOnlyList<string> MemberAddresses => MemberKeys.Select(k => new Nethereum.Signer.EthECKey(k).GetPublicAddress()).ToList();
    public List<SiloProcess> Silos { get; } = [];
    public List<HttpClient> Clients { get; } = [];
    public ChainConnection Chain { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _anvil = await AnvilNode.StartAsync(new AnvilSettings
        {
            BlockTime = TimeSpan.FromMilliseconds(200),
            StateFile = Path.Combine(_stateDirectory, "anvil-state.json"),
        });
        var registry = await RegistrySetup.EnsureAsync(_anvil.RpcUrl, _anvil.ChainId, AnvilNode.DevelopmentKeys[0], MemberAddresses);
        Chain = new ChainConnection(new ChainOptions
        {
            RpcUrl = _anvil.RpcUrl,
            ChainId = _anvil.ChainId,
            ContractAddress = registry.Contract,
            SignerPrivateKey = AnvilNode.DevelopmentKeys[0],
        });

        var clusterId = $"cluster-{Guid.NewGuid():N}";
        foreach (var key in MemberKeys)
        {
            Silos.Add(new SiloProcess(new Dictionary<string, string>
            {
                ["Kusabi:Profile"] = "durable",
                ["Kusabi:Redis"] = _redis.ConnectionString,
                ["Kusabi:ClusterId"] = clusterId,
                ["Kusabi:ServiceId"] = clusterId,
                ["Kusabi:FactoryTokenHashes:0"] = Convert.ToHexString(ApiCredentials.Hash(FactoryToken)),
                ["Chain:RpcUrl"] = _anvil.RpcUrl,
                ["Chain:ChainId"] = _anvil.ChainId.ToString(CultureInfo.InvariantCulture),
                ["Chain:ContractAddress"] = registry.Contract,
                ["Chain:SignerPrivateKey"] = key,
            }));
        }
        await Task.WhenAll(Silos.Select(s => s.StartAsync()));
        Clients.AddRange(Silos.Select(s => new HttpClient { BaseAddress = s.BaseAddress }));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients) client.Dispose();
        foreach (var silo in Silos) await silo.DisposeAsync();
        Chain?.Dispose();
        if (_anvil is not null) await _anvil.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        try { Directory.Delete(_stateDirectory, recursive: true); } catch (IOException) { }
    }
}
