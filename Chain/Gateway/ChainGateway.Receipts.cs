using Kusabi.Chain.Model;
using Microsoft.Extensions.Logging;

namespace Kusabi.Chain.Gateway;

public sealed partial class ChainGateway
{
    /// <summary>Entries whose transaction was mined but reverted (a race with another member) are retried this often.</summary>
    private const int MaxRevertedAttempts = 3;

    private async Task TrackLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_connection.Options.ReceiptPollInterval, _time, stop);
                InFlightTransaction[] pending;
                lock (_inFlight) pending = [.. _inFlight];
                foreach (var transaction in pending) await CheckAsync(transaction, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (RpcRetry.IsTransient(e) || e is ChainUnavailableException)
            {
                NoteError($"receipt poll: {e.Message}");
            }
        }
    }

    private async Task CheckAsync(InFlightTransaction transaction, CancellationToken stop)
    {
        var receipt = await RpcRetry.RunAsync(
            () => _connection.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transaction.Hash), stop, attempts: 2);
        if (receipt is null)
        {
            if (_time.GetElapsedTime(transaction.LastBroadcastAt) >= _connection.Options.RebroadcastAfter)
            {
                // A restarted node may have dropped its pool; the same bytes cannot be mined twice.
                transaction.LastBroadcastAt = _time.GetTimestamp();
                await BroadcastAsync(transaction.Raw, transaction.Hash, stop);
            }
            return;
        }

        lock (_inFlight) _inFlight.Remove(transaction);
        _slots.Release();
        var block = (long)receipt.BlockNumber.Value;
        var mined = receipt.Status?.Value == 1;
        _metrics.Transactions.Add(1, new KeyValuePair<string, object?>("outcome", mined ? "mined" : "reverted"));
        if (mined)
        {
            Interlocked.Increment(ref _transactionsMined);
            Interlocked.Add(ref _entriesCommitted, transaction.Operations.Count);
            InterlockedMax(ref _lastMinedBlock, block);
            _metrics.BatchSize.Record(transaction.Operations.Count);
            _metrics.BatchLatency.Record(_time.GetElapsedTime(transaction.SentAt).TotalSeconds);
            var result = new ChainReceipt(transaction.Hash, block, transaction.Operations.Count);
            foreach (var operation in transaction.Operations)
            {
                _metrics.Entries.Add(1, new KeyValuePair<string, object?>("kind", operation.Kind.ToString()));
                _metrics.EntryLatency.Record(_time.GetElapsedTime(operation.EnqueuedAt).TotalSeconds);
                operation.Succeed(result);
            }
            return;
        }

        // The state moved between simulation and mining; simulate again so the culprit gets its own error.
        _log.LogWarning("Batch {Hash} reverted in block {Block}; re-checking its {Count} entries", transaction.Hash, block, transaction.Operations.Count);
        foreach (var operation in transaction.Operations)
        {
            if (++operation.RevertedAttempts > MaxRevertedAttempts)
                Fail(operation, new ChainRejectedException($"Entry {operation.Id} reverted {MaxRevertedAttempts} times."));
        }
        Requeue(transaction.Operations.Where(o => !o.Completion.Task.IsCompleted));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
