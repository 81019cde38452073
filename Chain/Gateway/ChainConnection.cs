using Nethereum.JsonRpc.Client;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Kusabi.Chain.Gateway;

/// <summary>One JSON-RPC connection to the registry, signed as this node's consortium member.</summary>
public sealed class ChainConnection : IDisposable
{
    private readonly HttpClient _http;

    static ChainConnection()
    {
        // Recoverable signing is roughly ten times faster in Nethereum and yields the same signatures.
        EthECKey.SignRecoverable = true;
    }

    public ChainConnection(ChainOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.RpcUrl)) throw new ArgumentException("Chain:RpcUrl is not set.");
        if (string.IsNullOrWhiteSpace(options.ContractAddress)) throw new ArgumentException("Chain:ContractAddress is not set.");
        if (string.IsNullOrWhiteSpace(options.SignerPrivateKey)) throw new ArgumentException("Chain:SignerPrivateKey is not set.");

        Options = options;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = options.RpcTimeout,
        };
        Client = new RpcClient(new Uri(options.RpcUrl), _http);
        Signer = new EthECKey(options.SignerPrivateKey);
        SignerAddress = Signer.GetPublicAddress();
        Web3 = new Web3(new Account(Signer, options.ChainId), Client);
        ContractAddress = options.ContractAddress;
    }

    public ChainOptions Options { get; }
    public IClient Client { get; }
    public Web3 Web3 { get; }
    public EthECKey Signer { get; }
    public string SignerAddress { get; }
    public string ContractAddress { get; }

    public void Dispose() => _http.Dispose();
}
