using System.Text.Json;
using Kusabi.Chain.Gateway;

namespace Kusabi.Chain.Node;

/// <summary>
/// Starts anvil with a state file and makes sure the registry is deployed on it, recording the
/// address beside the state so a restart finds the same contract. Used when no RpcUrl is configured.
/// </summary>
public sealed class EmbeddedChain : IAsyncDisposable
{
    private EmbeddedChain(AnvilNode node, string contractAddress)
    {
        Node = node;
        ContractAddress = contractAddress;
    }

    public AnvilNode Node { get; }
    public string ContractAddress { get; }

    public static async Task<EmbeddedChain> StartAsync(string dataDirectory, AnvilSettings settings, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDirectory);
        var node = await AnvilNode.StartAsync(settings with { StateFile = Path.Combine(dataDirectory, "anvil-state.json") }, cancellationToken);
        try
        {
            var recordPath = Path.Combine(dataDirectory, "deployment.json");
            var recorded = File.Exists(recordPath) ? JsonSerializer.Deserialize<Deployment>(await File.ReadAllTextAsync(recordPath, cancellationToken)) : null;
            if (recorded is not null && await ContractDeployer.HasCodeAsync(node.RpcUrl, recorded.ContractAddress))
                return new EmbeddedChain(node, recorded.ContractAddress);

            var address = await ContractDeployer.DeployAsync(node.RpcUrl, settings.ChainId, AnvilNode.DevelopmentKeys[0], cancellationToken);
            await File.WriteAllTextAsync(recordPath, JsonSerializer.Serialize(new Deployment(address, settings.ChainId)), cancellationToken);
            return new EmbeddedChain(node, address);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options for a gateway signing as the development admin account.</summary>
    public ChainOptions ToOptions(int signerIndex = 0) => new()
    {
        RpcUrl = Node.RpcUrl,
        ChainId = Node.ChainId,
        ContractAddress = ContractAddress,
        SignerPrivateKey = AnvilNode.DevelopmentKeys[signerIndex],
    };

    public ValueTask DisposeAsync() => Node.DisposeAsync();

    private sealed record Deployment(string ContractAddress, long ChainId);
}
