using Kusabi.Chain.Gateway;
using Kusabi.Chain.Node;
using Xunit;

namespace Kusabi.TestSupport;

/// <summary>
/// A real anvil node for a test class, mining every 200 ms. Each test deploys its own registry so
/// tests do not see each other's keys.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    public AnvilNode Node { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Node = await AnvilNode.StartAsync(new AnvilSettings { BlockTime = TimeSpan.FromMilliseconds(200) });

    public async Task DisposeAsync() => await Node.DisposeAsync();

    public async Task<ChainOptions> DeployRegistryAsync(int adminIndex = 0, string? rpcUrl = null)
    {
        var address = await ContractDeployer.DeployAsync(Node.RpcUrl, Node.ChainId, AnvilNode.DevelopmentKeys[adminIndex]);
        return new ChainOptions
        {
            RpcUrl = rpcUrl ?? Node.RpcUrl,
            ChainId = Node.ChainId,
            ContractAddress = address,
            SignerPrivateKey = AnvilNode.DevelopmentKeys[adminIndex],
            ReceiptPollInterval = TimeSpan.FromMilliseconds(50),
        };
    }
}
