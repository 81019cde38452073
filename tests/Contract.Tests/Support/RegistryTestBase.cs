using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.Chain.Node;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Kusabi.Contract.Tests.Support;

/// <summary>
/// A fresh registry per test, deployed by development account 0 (the admin). Other development
/// accounts (1..3) start as outsiders.
/// </summary>
public abstract class RegistryTestBase(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IAsyncLifetime
{
    protected const int Admin = 0;
    protected const int Outsider = 1;
    protected const int Second = 2;

    private readonly Dictionary<int, DirectTransactions> _senders = [];
    private ChainConnection _connection = null!;

    protected AnvilFixture Anvil { get; } = anvil;
    protected ChainOptions Options { get; private set; } = null!;
    protected string ContractAddress => Options.ContractAddress!;
    protected RegistryReader Reader { get; private set; } = null!;

    /// <summary>The block before the deployment: log queries start here, so they see this registry's whole life.</summary>
    protected long FirstBlock { get; private set; }

    public virtual async Task InitializeAsync()
    {
        FirstBlock = (long)(await new Web3(Anvil.Node.RpcUrl).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        Options = await Anvil.DeployRegistryAsync(Admin);
        _connection = new ChainConnection(Options);
        Reader = new RegistryReader(_connection);
    }

    public virtual Task DisposeAsync()
    {
        _connection.Dispose();
        return Task.CompletedTask;
    }

    protected static string AddressOf(int account) => new EthECKey(AnvilNode.DevelopmentKeys[account]).GetPublicAddress();

    /// <summary>Sends transactions signed by development account <paramref name="account"/>.</summary>
    protected DirectTransactions As(int account)
    {
        if (_senders.TryGetValue(account, out var sender)) return sender;
        var web3 = new Web3(new Account(AnvilNode.DevelopmentKeys[account], Options.ChainId), Options.RpcUrl);
        web3.TransactionManager.UseLegacyAsDefault = true;
        return _senders[account] = new DirectTransactions(web3, ContractAddress);
    }

    protected Task<TransactionReceipt> RegisterAsync(params KeyRegistration[] keys) => RegisterAsync((IEnumerable<KeyRegistration>)keys);

    protected Task<TransactionReceipt> RegisterAsync(IEnumerable<KeyRegistration> keys, int account = Admin) =>
        As(account).SendAsync(new RegisterKeysFunction { Keys = KeyInputs.From(keys) });

    protected Task<TransactionReceipt> ConsumeAsync(params KusabiId[] ids) =>
        As(Admin).SendAsync(new ConsumeKeysFunction { PreIds = ids.Select(id => id.ToArray()).ToList() });

    protected Task<TransactionReceipt> RevokeAsync(RevocationReason reason, params KusabiId[] ids) =>
        As(Admin).SendAsync(new RevokeKeysFunction { Revocations = ids.Select(id => KeyInputs.Revocation(id, reason)).ToList() });

    protected async Task<IReadOnlyList<KeyRecord>> GetKeysAsync(IEnumerable<KusabiId> ids)
    {
        var records = new List<KeyRecord>();
        foreach (var id in ids) records.Add(await Reader.GetKeyAsync(id));
        return records;
    }

    /// <summary>Every <typeparamref name="TEvent"/> this registry emitted, from its deployment to the current block, in chain order.</summary>
    protected async Task<List<EventLog<TEvent>>> LogsAsync<TEvent>() where TEvent : IEventDTO, new()
    {
        var web3 = _connection.Web3;
        var current = await Reader.GetBlockNumberAsync();
        var handler = web3.Eth.GetEvent<TEvent>(ContractAddress);
        var filter = handler.CreateFilterInput(new BlockParameter((ulong)FirstBlock), new BlockParameter((ulong)current));
        var logs = await handler.GetAllChangesAsync(filter);
        return logs.OrderBy(l => l.Log.BlockNumber.Value).ThenBy(l => l.Log.LogIndex.Value).ToList();
    }

    protected static long BlockOf(TransactionReceipt receipt) => (long)receipt.BlockNumber.Value;
}
