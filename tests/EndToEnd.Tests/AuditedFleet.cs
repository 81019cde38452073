using System.Net.Http.Json;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Node;
using Kusabi.Client;
using Kusabi.Operator.Audit;
using Kusabi.Operator.Fleet;
using Kusabi.TestSupport;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// A silo and registry of its own (an audit sees the whole fleet) holding two factory-only devices,
/// two active devices and one revoked device, all made through the public APIs.
/// </summary>
public sealed class AuditedFleet : IAsyncDisposable
{
    private readonly List<RawDevice> _devices = [];

    private AuditedFleet(SiloFixture silo) => Silo = silo;

    public SiloFixture Silo { get; }
    public IReadOnlyList<RawDevice> FactoryOnly => _devices[..2];
    public IReadOnlyList<RawDevice> Active => _devices[2..4];
    public RawDevice Revoked => _devices[4];

    public static async Task<AuditedFleet> StartAsync()
    {
        var silo = new SiloFixture();
        await silo.InitializeAsync();
        var fleet = new AuditedFleet(silo);
        for (var i = 0; i < 5; i++) fleet._devices.Add(await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken));
        foreach (var device in fleet._devices.Skip(2)) await device.ActivateAsync();
        var revoke = new HttpRequestMessage(HttpMethod.Post, $"/v1/operator/devices/{fleet.Revoked.Device}/revoke") { Content = JsonContent.Create(new { reason = "returned" }) };
        revoke.Headers.Authorization = new("Bearer", silo.OperatorToken);
        (await silo.Http.SendAsync(revoke)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await fleet.ListedAsync()).Count(d => d.Phase is DevicePhase.Active or DevicePhase.Revoked) == 3,
            TimeSpan.FromSeconds(30), "the fleet index to list the three activated devices");
        return fleet;
    }

    public Task<AuditReport> AuditAsync() => FleetAudit.RunAsync(
        new FleetAuditOptions(new Uri(Silo.Anvil.Node.RpcUrl), Silo.ContractAddress, Silo.BaseAddress, Silo.OperatorToken) { BlocksPerQuery = 3 });

    public string[] AuditArguments => ["audit", "--rpc", Silo.Anvil.Node.RpcUrl, "--contract", Silo.ContractAddress, "--server", Silo.BaseAddress.ToString(), "--token", Silo.OperatorToken];

    /// <summary>A consortium member writing to the registry directly, bypassing the server (the silo's own account: only reads follow).</summary>
    public DirectTransactions Member => new(new Web3(new Account(AnvilNode.DevelopmentKeys[0], Silo.Anvil.Node.ChainId), Silo.Anvil.Node.RpcUrl), Silo.ContractAddress);

    public async Task<IReadOnlyList<DeviceSummary>> ListedAsync()
    {
        using var http = KusabiHttp.CreateClient(1);
        var fleet = new FleetClient(new KusabiApiClient(http, Silo.BaseAddress), Silo.ViewerToken);
        var all = new List<DeviceSummary>();
        await foreach (var device in fleet.ListAllAsync(new FleetListQuery(PageSize: 500))) all.Add(device);
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        _devices.ForEach(d => d.Dispose());
        await Silo.DisposeAsync();
    }
}
