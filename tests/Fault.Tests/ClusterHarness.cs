using System.Globalization;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Node;
using Kusabi.DeviceClient.Device;
using Kusabi.Operator.Audit;
using Kusabi.Silo.Security;
using Kusabi.TestSupport;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;

namespace Kusabi.Fault.Tests;

/// <summary>
/// A whole durable deployment on loopback: an anvil node keeping its chain in a state file (so it
/// can be restarted), the registry deployed by an admin who made each silo's account a consortium
/// member, a Redis with an fsync-always append-only file, and three silo processes, each signing
/// with its own member key. Devices reach the silos through <see cref="FailoverHandler"/>.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const int DefaultSiloCount = 3;
    private static readonly TimeSpan s_blockTime = TimeSpan.FromMilliseconds(200);

    private readonly string _directory = Directory.CreateTempSubdirectory("kusabi-cluster-").FullName;
    private readonly List<SiloProcess> _silos = [];
    private AnvilNode _anvil = null!;
    private HttpClient _http = null!;

    private ClusterHarness(int silos) => SiloCount = silos;

    public int SiloCount { get; }

    public string FactoryToken { get; } = NewToken();
    public string OperatorToken { get; } = NewToken();
    public ChainOptions Admin { get; private set; } = null!;
    public ChainConnection Chain { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public FailoverHandler Failover { get; private set; } = null!;
    public ResponseTally Responses { get; private set; } = null!;

    /// <summary>One client per silo; device i talks to silo i mod <see cref="SiloCount"/> first.</summary>
    public IReadOnlyList<KusabiApiClient> Apis { get; private set; } = [];

    public static async Task<ClusterHarness> StartAsync(int silos = DefaultSiloCount)
    {
        var cluster = new ClusterHarness(silos);
        try
        {
            await cluster.StartChainAsync();
            cluster.Redis = await RedisServer.StartAsync();
            for (var i = 0; i < silos; i++) cluster._silos.Add(new SiloProcess(cluster.SiloSettings(i), AnvilNode.FreeLoopbackPort(), AnvilNode.FreeLoopbackPort()));
            await cluster.StartSilosAsync();
            cluster.ConnectDevices();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo's member account: anvil development accounts 1–3 (0 is the admin).</summary>
    public static string MemberKey(int silo) => AnvilNode.DevelopmentKeys[silo + 1];

    /// <summary>A client that tries each request once: for a test that needs to see the first refusal.</summary>
    public KusabiApiClient SingleAttemptApi(int silo) => new(_http, _silos[silo].BaseAddress, new KusabiApiOptions { Retry = RetryPolicy.None });

    public OperatorDevices Operator => new(Apis[0], OperatorToken);

    public KusabiApiClient ApiFor(int device) => Apis[device % SiloCount];

    public Task KillAllSilosAsync() => Task.WhenAll(_silos.Select(s => s.KillAsync()));

    public Task StartSilosAsync() => Task.WhenAll(_silos.Where(s => !s.IsRunning).Select(s => s.StartAsync()));

    /// <summary>SIGKILL of one silo: no shutdown, its grains and its gateway's unsent entries are gone.</summary>
    public Task KillSiloAsync(int silo) => _silos[silo].KillAsync();

    /// <summary>SIGTERM: the silo leaves the cluster and shuts down as an operator's stop would.</summary>
    public Task StopSiloAsync(int silo) => _silos[silo].StopAsync();

    /// <summary>
    /// Each member's pending nonce equals its mined nonce: no transaction is stuck in the node's pool
    /// behind a gap or lost from it while its sender still waits.
    /// </summary>
    public async Task AssertNoTransactionPendingAsync()
    {
        (await PendingMemberTransactionsAsync()).Should().Be(0, "no member account has a transaction left unmined");
    }

    /// <summary>Stops the chain node gracefully (it writes its state file and drops its mempool) and starts it again on the same port.</summary>
    public async Task RestartChainAsync()
    {
        var settings = _anvil.Settings with { Port = _anvil.Port };
        await _anvil.DisposeAsync();
        _anvil = await AnvilNode.StartAsync(settings);
    }

    /// <summary>SIGKILL of Redis: only its fsynced append-only file survives.</summary>
    public Task KillRedisAsync() => Redis.KillAsync();

    /// <summary>Redis again, on the same port and data.</summary>
    public Task StartRedisAsync() => Redis.StartAgainAsync();

    /// <summary>Pauses block production, so sent transactions wait in the node's pool.</summary>
    public Task PauseMiningAsync() => Chain.Client.SendRequestAsync("evm_setIntervalMining", null, 0);

    /// <summary>Transactions the node has accepted from the silos' member accounts but not mined.</summary>
    public async Task<long> PendingMemberTransactionsAsync()
    {
        var transactions = Chain.Web3.Eth.Transactions.GetTransactionCount;
        long total = 0;
        for (var i = 0; i < SiloCount; i++)
        {
            var member = new EthECKey(MemberKey(i)).GetPublicAddress();
            var mined = await transactions.SendRequestAsync(member, BlockParameter.CreateLatest());
            var pending = await transactions.SendRequestAsync(member, BlockParameter.CreatePending());
            total += (long)(pending.Value - mined.Value);
        }
        return total;
    }

    public async Task<long> ChainHeadAsync() => await new RegistryReader(Chain).GetBlockNumberAsync();

    /// <summary>Every device of <paramref name="fleet"/> is active with exactly one active act key, and nothing is half done.</summary>
    /// <summary>
    /// The fleet's end state: every device of the load consistently active (chain and grain), then
    /// the operators' audit of the whole registry history against the grains comes back clean.
    /// </summary>
    public async Task AssertFleetConsistentAsync(FleetLoad fleet)
    {
        await new FleetConsistency(Chain, Operator).AssertAsync(fleet.Devices);
        var server = _silos.First(s => s.IsRunning).BaseAddress;
        var audit = await FleetAudit.RunAsync(new FleetAuditOptions(new Uri(Admin.RpcUrl!), Admin.ContractAddress!, server, OperatorToken));
        audit.IsClean.Should().BeTrue(AuditReportWriter.Write(audit, Admin.ContractAddress!, server));
    }

    private async Task StartChainAsync()
    {
        _anvil = await AnvilNode.StartAsync(new AnvilSettings { BlockTime = s_blockTime, StateFile = Path.Combine(_directory, "chain", "state.json") });
        var adminKey = AnvilNode.DevelopmentKeys[0];
        var address = await ContractDeployer.DeployAsync(_anvil.RpcUrl, _anvil.ChainId, adminKey);
        Admin = new ChainOptions { RpcUrl = _anvil.RpcUrl, ChainId = _anvil.ChainId, ContractAddress = address, SignerPrivateKey = adminKey };
        Chain = new ChainConnection(Admin);
        var admin = new DirectTransactions(Chain);
        for (var i = 0; i < SiloCount; i++)
            await admin.SendAsync(new AddMemberFunction { Member = new EthECKey(MemberKey(i)).GetPublicAddress() });
    }

    private Dictionary<string, string> SiloSettings(int silo) => new()
    {
        ["Kusabi:Profile"] = "durable",
        ["Kusabi:Redis"] = Redis.ConnectionString,
        ["Kusabi:FactoryTokenHashes:0"] = Convert.ToHexString(ApiCredentials.Hash(FactoryToken)),
        ["Kusabi:Credentials:0:Role"] = "Operator",
        ["Kusabi:Credentials:0:Sha256"] = Convert.ToHexString(ApiCredentials.Hash(OperatorToken)),
        ["Chain:RpcUrl"] = Admin.RpcUrl!,
        ["Chain:ChainId"] = Admin.ChainId.ToString(CultureInfo.InvariantCulture),
        ["Chain:ContractAddress"] = Admin.ContractAddress!,
        ["Chain:SignerPrivateKey"] = MemberKey(silo),
        // A restarted node has lost its pool: send pending transactions again soon, so tests stay short.
        ["Chain:RebroadcastAfter"] = "00:00:02",
        // A dead silo is voted out within seconds instead of Orleans' production defaults.
        ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
        ["Orleans:Membership:NumMissedProbesLimit"] = "3",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
    };

    private void ConnectDevices()
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, ConnectTimeout = TimeSpan.FromSeconds(5) };
        Failover = new FailoverHandler(_silos.Select(s => s.BaseAddress).ToList(), handler);
        Responses = new ResponseTally(Failover);
        _http = new HttpClient(Responses) { Timeout = Timeout.InfiniteTimeSpan };
        var options = new KusabiApiOptions
        {
            Retry = new RetryPolicy { MaxAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) },
        };
        Apis = _silos.Select(s => new KusabiApiClient(_http, s.BaseAddress, options)).ToList();
    }

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        foreach (var silo in _silos) await silo.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        Chain?.Dispose();
        if (_anvil is not null) await _anvil.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
