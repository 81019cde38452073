using System.Threading.Channels;
using Kusabi.Chain.Model;
using Kusabi.Chain.Telemetry;
using Kusabi.Protocol.Identity;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Kusabi.Chain.Gateway;

/// <summary>
/// Writes to the registry for many concurrent callers. Callers' changes are folded into as few
/// <c>applyBatch</c> transactions as the gas cap allows; each caller's task completes only when its
/// entry is in a mined block, or fails with the contract's typed error for that entry alone.
/// Nonces are assigned here, one sender loop at a time, and advance only when the node has accepted
/// the transaction, so neither gaps nor duplicates can appear; a transaction is re-broadcast with the
/// same bytes until its receipt is seen.
/// </summary>
public sealed partial class ChainGateway : IAsyncDisposable
{
    private readonly ChainConnection _connection;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Channel<PendingOperation> _queue = Channel.CreateUnbounded<PendingOperation>();
    private readonly List<InFlightTransaction> _inFlight = [];
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly GatewayMetrics _metrics;
    private Task? _sender;
    private Task? _tracker;
    private int _queued;
    private long _transactionsMined;
    private long _entriesCommitted;
    private long _lastMinedBlock;
    private string? _lastError;
    private PendingOperation? _deferredCall;

    public ChainGateway(ChainConnection connection, ILogger<ChainGateway> log, TimeProvider? time = null)
    {
        _connection = connection;
        _log = log;
        _time = time ?? TimeProvider.System;
        _slots = new SemaphoreSlim(Math.Max(1, connection.Options.MaxTransactionsInFlight));
        _metrics = new GatewayMetrics(() => Volatile.Read(ref _queued) + Status.InFlightEntries);
    }

    public string SignerAddress => _connection.SignerAddress;

    public GatewayStatus Status
    {
        get
        {
            lock (_inFlight)
            {
                return new GatewayStatus(_connection.SignerAddress, Volatile.Read(ref _queued), _inFlight.Count,
                    _inFlight.Sum(t => t.Operations.Count), Interlocked.Read(ref _transactionsMined),
                    Interlocked.Read(ref _entriesCommitted), Interlocked.Read(ref _lastMinedBlock), _lastError);
            }
        }
    }

    /// <summary>Starts the sender and receipt loops. Idempotent.</summary>
    public void Start()
    {
        if (_sender is not null) return;
        // The loops serve every caller: they must not inherit the first caller's span as their own.
        using var _ = ExecutionContext.SuppressFlow();
        _sender = Task.Run(() => SendLoopAsync(_stop.Token));
        _tracker = Task.Run(() => TrackLoopAsync(_stop.Token));
    }

    public Task<ChainReceipt> RegisterAsync(KeyRegistration registration, CancellationToken cancellationToken = default) =>
        Enqueue(new PendingOperation(OperationKind.Register, registration.Id, _time.GetTimestamp()) { Registration = registration }, cancellationToken);

    /// <summary>Marks a pre key as used, once and for all.</summary>
    public Task<ChainReceipt> ConsumeAsync(KusabiId preId, CancellationToken cancellationToken = default) =>
        Enqueue(new PendingOperation(OperationKind.Consume, preId, _time.GetTimestamp()), cancellationToken);

    /// <summary>
    /// Sends any other registry function (anchoring a release, say) as a transaction of its own, in
    /// this gateway's nonce sequence, so it never races the batches for a nonce.
    /// </summary>
    public Task<ChainReceipt> CallAsync<TFunction>(TFunction function, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new() =>
        Enqueue(new PendingOperation(OperationKind.Call, default, _time.GetTimestamp()) { CallData = function.GetCallData().ToHex(true) }, cancellationToken);

    public Task<ChainReceipt> RevokeAsync(KusabiId id, RevocationReason reason, CancellationToken cancellationToken = default) =>
        Enqueue(new PendingOperation(OperationKind.Revoke, id, _time.GetTimestamp()) { Reason = reason }, cancellationToken);

    /// <summary>
    /// Cancelling only stops waiting: an entry already handed to the node may still be mined, which is
    /// why every registry change is idempotent or state-checked.
    /// </summary>
    private Task<ChainReceipt> Enqueue(PendingOperation operation, CancellationToken cancellationToken)
    {
        if (_stop.IsCancellationRequested) throw new ChainUnavailableException("The chain gateway is stopped.");
        Start();
        operation.Span = ChainTracing.StartEntry(operation.Kind.ToString().ToLowerInvariant(),
            operation.Kind == OperationKind.Call ? null : operation.Id.ToString());
        Interlocked.Increment(ref _queued);
        _queue.Writer.TryWrite(operation);
        return cancellationToken.CanBeCanceled ? operation.Completion.Task.WaitAsync(cancellationToken) : operation.Completion.Task;
    }

    private void Requeue(IEnumerable<PendingOperation> operations)
    {
        foreach (var operation in operations)
        {
            Interlocked.Increment(ref _queued);
            _queue.Writer.TryWrite(operation);
        }
    }

    private async Task<List<PendingOperation>> NextBatchAsync(CancellationToken stop)
    {
        var max = Math.Max(1, _connection.Options.MaxEntriesPerTransaction);
        var batch = new List<PendingOperation>(max);
        if (_deferredCall is { } deferred)
        {
            _deferredCall = null;
            return [deferred];
        }
        while (batch.Count == 0)
        {
            await _queue.Reader.WaitToReadAsync(stop);
            while (batch.Count < max && _queue.Reader.TryRead(out var operation))
            {
                Interlocked.Decrement(ref _queued);
                if (operation.Completion.Task.IsCompleted) continue;
                if (operation.Kind != OperationKind.Call)
                {
                    batch.Add(operation);
                    continue;
                }
                // A call travels alone: send it now if nothing is gathered yet, else right after this batch.
                if (batch.Count == 0) return [operation];
                _deferredCall = operation;
                return batch;
            }
        }
        return batch;
    }

    private static void Fail(PendingOperation operation, Exception error) => operation.Fail(error);

    private void NoteError(string message)
    {
        _lastError = message;
        _log.LogWarning("Chain gateway: {Message}", message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var loop in new[] { _sender, _tracker })
        {
            if (loop is null) continue;
            try { await loop; } catch (OperationCanceledException) { }
        }
        var stopped = new ChainUnavailableException("The chain gateway stopped before the entry was mined.");
        while (_queue.Reader.TryRead(out var operation)) Fail(operation, stopped);
        lock (_inFlight) foreach (var t in _inFlight) foreach (var o in t.Operations) Fail(o, stopped);
        _metrics.Dispose();
        _stop.Dispose();
    }
}
