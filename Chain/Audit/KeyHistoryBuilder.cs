using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Kusabi.Chain.Audit;

/// <summary>
/// Replays KeyRegistered and KeyStatusChanged events, in chain order, into each key's history. Feed
/// it events with <see cref="Apply(IEnumerable{EventLog{KeyRegisteredEvent}}, IEnumerable{EventLog{KeyStatusChangedEvent}})"/>
/// (one block range at a time, ranges in order) and read <see cref="Build"/>. Events that contradict
/// the history so far are kept as anomalies rather than thrown, so an audit reports them.
/// </summary>
public sealed class KeyHistoryBuilder
{
    private readonly Dictionary<KusabiId, KeyHistory> _keys = [];
    private readonly List<EventAnomaly> _anomalies = [];

    public int EventCount { get; private set; }

    /// <summary>Applies one block range's events; the two lists are merged by block and log index.</summary>
    public void Apply(IEnumerable<EventLog<KeyRegisteredEvent>> registered, IEnumerable<EventLog<KeyStatusChangedEvent>> changed)
    {
        var events = registered.Select(e => (e.Log, Registered: (KeyRegisteredEvent?)e.Event, Changed: (KeyStatusChangedEvent?)null))
            .Concat(changed.Select(e => (e.Log, Registered: (KeyRegisteredEvent?)null, Changed: (KeyStatusChangedEvent?)e.Event)))
            .OrderBy(e => e.Log.BlockNumber.Value).ThenBy(e => e.Log.LogIndex.Value);
        foreach (var (log, registration, change) in events)
        {
            EventCount++;
            if (registration is not null) Register(registration, (long)log.BlockNumber.Value, log.TransactionHash);
            else Change(change!, (long)log.BlockNumber.Value, log.TransactionHash);
        }
    }

    public RegistryHistory Build(long fromBlock, long toBlock) => new(new Dictionary<KusabiId, KeyHistory>(_keys), _anomalies.ToList(), fromBlock, toBlock, EventCount);

    public void Register(KeyRegisteredEvent e, long block, string transaction)
    {
        var id = new KusabiId(e.Id);
        if (_keys.ContainsKey(id))
        {
            _anomalies.Add(new EventAnomaly(id, block, transaction, "registered a second time"));
            return;
        }
        var device = e.DeviceRef.Any(b => b != 0) ? new DeviceRef(e.DeviceRef) : (DeviceRef?)null;
        _keys[id] = new KeyHistory(id, (KeyPurpose)e.Purpose, device, e.Registrar, block, transaction);
    }

    public void Change(KeyStatusChangedEvent e, long block, string transaction)
    {
        var id = new KusabiId(e.Id);
        if (!_keys.TryGetValue(id, out var key))
        {
            _anomalies.Add(new EventAnomaly(id, block, transaction, $"status changed to {(KeyStatus)e.To} before any registration (is --from-block too late?)"));
            return;
        }
        if ((KeyStatus)e.From != key.Status)
            _anomalies.Add(new EventAnomaly(id, block, transaction, $"status change from {(KeyStatus)e.From}, but the events so far say {key.Status}"));
        _keys[id] = key with { Status = (KeyStatus)e.To, Reason = (RevocationReason)e.Reason, StatusBlock = block, StatusTransaction = transaction };
    }

    /// <summary>
    /// Reads the registry's key events from <paramref name="fromBlock"/> to the current head with
    /// eth_getLogs, at most <paramref name="blocksPerQuery"/> blocks per query (nodes cap a query's
    /// range and result size), and replays them.
    /// </summary>
    public static async Task<RegistryHistory> ReadAsync(
        IWeb3 web3, string contractAddress, long fromBlock = 0, int blocksPerQuery = 5_000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromBlock);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerQuery, 1);
        var head = (long)(await RpcRetry.RunAsync(() => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), cancellationToken)).Value;
        var builder = new KeyHistoryBuilder();
        for (var start = fromBlock; start <= head; start += blocksPerQuery)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(head, start + blocksPerQuery - 1);
            var registered = await LogsAsync<KeyRegisteredEvent>(web3, contractAddress, start, end, cancellationToken);
            var changed = await LogsAsync<KeyStatusChangedEvent>(web3, contractAddress, start, end, cancellationToken);
            builder.Apply(registered, changed);
        }
        return builder.Build(fromBlock, head);
    }

    private static async Task<List<EventLog<TEvent>>> LogsAsync<TEvent>(IWeb3 web3, string contractAddress, long from, long to, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var handler = web3.Eth.GetEvent<TEvent>(contractAddress);
        var filter = handler.CreateFilterInput(new BlockParameter((ulong)from), new BlockParameter((ulong)to));
        return await RpcRetry.RunAsync(() => handler.GetAllChangesAsync(filter), cancellationToken);
    }
}
