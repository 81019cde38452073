using Kusabi.Chain.Gateway;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// What a device reads from the registry itself when it can reach a chain node: the art key's record
/// and the newest release anchored for its product. With it the device no longer takes the server's
/// word for a key's status or for which release is newest (docs/update.md).
/// </summary>
public interface IReleaseChain
{
    /// <exception cref="Kusabi.Chain.Model.UnknownKeyException">No such key on chain.</exception>
    Task<ArtKeyStatus> GetArtKeyAsync(KusabiId artId, CancellationToken cancellationToken);

    Task<ReleaseAnchor> GetLatestReleaseAsync(string product, CancellationToken cancellationToken);
}

/// <summary>The registry read over JSON-RPC (eth_call only: nothing is ever signed or sent).</summary>
public sealed class RegistryReleaseChain : IReleaseChain, IDisposable
{
    private readonly ChainConnection _connection;
    private readonly RegistryReader _reader;

    public RegistryReleaseChain(Uri rpcUrl, string contractAddress, long chainId)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        // The connection wants an account; reads never use it, so a throwaway key serves.
        var unusedSigner = Hex.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        _connection = new ChainConnection(new ChainOptions
        {
            RpcUrl = rpcUrl.ToString(),
            ContractAddress = contractAddress,
            ChainId = chainId,
            SignerPrivateKey = unusedSigner,
        });
        _reader = new RegistryReader(_connection);
    }

    public async Task<ArtKeyStatus> GetArtKeyAsync(KusabiId artId, CancellationToken cancellationToken)
    {
        var key = await _reader.GetKeyAsync(artId, cancellationToken);
        return new ArtKeyStatus(artId.ToString(), Base64Url.Encode(key.PublicKey), key.Purpose.ToString(), key.Status.ToString());
    }

    public async Task<ReleaseAnchor> GetLatestReleaseAsync(string product, CancellationToken cancellationToken)
    {
        var anchor = await _reader.GetLatestReleaseAsync(ReleaseSigning.ProductKey(product), cancellationToken);
        return new ReleaseAnchor(anchor.Version, Hex.Encode(anchor.ManifestHash));
    }

    public void Dispose() => _connection.Dispose();
}
