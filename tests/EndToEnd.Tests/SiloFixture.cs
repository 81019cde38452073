using Kusabi.Chain.Node;
using Kusabi.Silo.Hosting;
using Kusabi.Silo.Security;
using Kusabi.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// A real silo on a loopback port (Kestrel, real HTTP) in front of a real anvil, as a user runs it.
/// The silo can be stopped and started again on the same chain to model a crash or restart.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly AnvilFixture _anvil = new();
    private readonly Action<WebApplicationBuilder>? _configure;
    private readonly string[] _extraArgs;
    private WebApplication? _app;
    private string _contract = "";

    public SiloFixture() : this(null, []) { }

    /// <summary>A silo with extra settings and services, e.g. an in-process span exporter.</summary>
    internal SiloFixture(Action<WebApplicationBuilder>? configure, string[] extraArgs)
    {
        _configure = configure;
        _extraArgs = extraArgs;
    }

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("kusabi-e2e-").FullName;
    public int Port { get; } = AnvilNode.FreeLoopbackPort();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public string FactoryToken { get; } = NewToken();
    public string OperatorToken { get; } = NewToken();
    public string ViewerToken { get; } = NewToken();

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    public AnvilFixture Anvil => _anvil;
    public string ContractAddress => _contract;
    public IServiceProvider Services => _app!.Services;
    public HttpClient Http { get; private set; } = null!;
    public OffsetTimeProvider Time { get; } = new();

    public async Task InitializeAsync()
    {
        await _anvil.InitializeAsync();
        _contract = (await _anvil.DeployRegistryAsync()).ContractAddress!;
        await StartSiloAsync();
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task StartSiloAsync()
    {
        var siloPort = AnvilNode.FreeLoopbackPort();
        var gatewayPort = AnvilNode.FreeLoopbackPort();
        _app = SiloApplication.Build(
        [
            "--urls", BaseAddress.ToString(),
            "--Chain:RpcUrl", _anvil.Node.RpcUrl,
            "--Chain:ChainId", _anvil.Node.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Chain:ContractAddress", _contract,
            "--Chain:SignerPrivateKey", AnvilNode.DevelopmentKeys[0],
            "--Chain:ReceiptPollInterval", "00:00:00.050",
            "--Kusabi:DataDirectory", DataDirectory,
            "--Kusabi:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Kusabi:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Kusabi:FactoryTokenHashes:0", Convert.ToHexString(ApiCredentials.Hash(FactoryToken)),
            "--Kusabi:Credentials:0:Role", "Operator",
            "--Kusabi:Credentials:0:Sha256", Convert.ToHexString(ApiCredentials.Hash(OperatorToken)),
            "--Kusabi:Credentials:1:Role", "Viewer",
            "--Kusabi:Credentials:1:Sha256", Convert.ToHexString(ApiCredentials.Hash(ViewerToken)),
            .. _extraArgs,
        ], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton<TimeProvider>(Time);
            _configure?.Invoke(builder);
        });
        await _app.StartAsync();
    }

    public async Task StopSiloAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        await StopSiloAsync();
        await _anvil.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
