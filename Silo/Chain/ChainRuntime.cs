using Kusabi.Chain.Gateway;
using Kusabi.Chain.Node;
using Kusabi.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Kusabi.Silo.Chain;

/// <summary>
/// The silo's link to the registry, resolved once at start-up: either the configured node (Besu)
/// or the embedded anvil, which is started and given a deployed registry here.
/// </summary>
public sealed class ChainRuntime(IOptions<ChainOptions> chainOptions, IOptions<KusabiOptions> kusabiOptions, ILoggerFactory loggers) : IAsyncDisposable
{
    private EmbeddedChain? _embedded;
    private ChainConnection? _connection;
    private ChainGateway? _gateway;

    public ChainOptions Options => _connection?.Options ?? throw NotStarted();
    public ChainConnection Connection => _connection ?? throw NotStarted();
    public ChainGateway Gateway => _gateway ?? throw NotStarted();
    public RegistryReader Reader { get; private set; } = null!;
    public bool IsEmbedded => _embedded is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = chainOptions.Value;
        var log = loggers.CreateLogger<ChainRuntime>();
        if (string.IsNullOrWhiteSpace(options.RpcUrl))
        {
            var settings = kusabiOptions.Value;
            _embedded = await EmbeddedChain.StartAsync(Path.Combine(settings.DataDirectory, "chain"),
                new AnvilSettings { BlockTime = TimeSpan.FromSeconds(settings.EmbeddedBlockTimeSeconds), ChainId = options.ChainId }, cancellationToken);
            var embedded = _embedded.ToOptions();
            options.RpcUrl = embedded.RpcUrl;
            options.ContractAddress = embedded.ContractAddress;
            options.SignerPrivateKey ??= embedded.SignerPrivateKey;
            log.LogInformation("Embedded anvil at {Rpc}, registry {Address}", options.RpcUrl, options.ContractAddress);
        }
        else
        {
            log.LogInformation("Chain node {Rpc} (chain {ChainId}), registry {Address}", options.RpcUrl, options.ChainId, options.ContractAddress);
        }

        _connection = new ChainConnection(options);
        Reader = new RegistryReader(_connection);
        _gateway = new ChainGateway(_connection, loggers.CreateLogger<ChainGateway>());
        _gateway.Start();
    }

    private static InvalidOperationException NotStarted() => new("The chain runtime has not started yet.");

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        _connection?.Dispose();
        if (_embedded is not null) await _embedded.DisposeAsync();
    }
}
