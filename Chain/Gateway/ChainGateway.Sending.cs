using System.Diagnostics;
using System.Numerics;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Chain.Telemetry;
using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Util;

namespace Kusabi.Chain.Gateway;

public sealed partial class ChainGateway
{
    private static readonly TimeSpan s_nodeDownPause = TimeSpan.FromSeconds(1);
    private readonly LegacyTransactionSigner _signer = new();
    private BigInteger _nextNonce = -1;

    private async Task SendLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            List<PendingOperation> batch;
            try
            {
                await _slots.WaitAsync(stop);
                batch = await NextBatchAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            var sent = false;
            using var span = ChainTracing.StartBatch(batch.Count);
            try
            {
                sent = await SendBatchAsync(batch, span, stop);
            }
            catch (Exception e)
            {
                // Never let the loop die or an entry vanish: every caller gets an answer.
                NoteError($"sender loop: {e.Message}");
                span?.SetStatus(ActivityStatusCode.Error, e.Message);
                var error = new ChainUnavailableException($"The batch could not be sent: {e.Message}", e);
                foreach (var operation in batch) Fail(operation, error);
            }
            if (!sent) _slots.Release();
        }
    }

    /// <summary>Simulates, trims failing entries, signs and sends one batch. False when nothing was sent.</summary>
    private async Task<bool> SendBatchAsync(List<PendingOperation> batch, Activity? span, CancellationToken stop)
    {
        var options = _connection.Options;
        while (batch.Count > 0)
        {
            var data = PendingOperation.CallDataOf(batch);
            BigInteger gas;
            try
            {
                gas = await UntilNodeAnswers(() => _connection.Web3.Eth.Transactions.EstimateGas.SendRequestAsync(
                    new CallInput { From = _connection.SignerAddress, To = _connection.ContractAddress, Data = data }), stop);
            }
            catch (Exception e) when (RegistryErrorDecoder.TryDecode(e) is { } error)
            {
                RemoveCulprit(batch, error);
                continue;
            }

            if (gas > options.TransactionGasCap && batch.Count > 1)
            {
                var half = batch.Count / 2;
                Requeue(batch.GetRange(half, batch.Count - half));
                batch.RemoveRange(half, batch.Count - half);
                continue;
            }

            var gasLimit = BigInteger.Min(gas * 6 / 5 + 20_000, options.TransactionGasCap);
            return await SignAndSendAsync(batch, data, gasLimit, span, stop);
        }
        return false;
    }

    /// <summary>
    /// A revert names the key it is about; the entry that caused it is the last one in the batch that
    /// could have (the contract applies entries in order, so earlier duplicates succeeded).
    /// </summary>
    private void RemoveCulprit(List<PendingOperation> batch, ChainException error)
    {
        var culprit = error is KeyException keyError ? batch.FindLastIndex(o => o.CouldCause(keyError)) : -1;
        if (culprit < 0)
        {
            // Not about one entry (e.g. this node is not a member): every entry fails the same way.
            foreach (var operation in batch) Fail(operation, error);
            batch.Clear();
            return;
        }
        Fail(batch[culprit], error);
        batch.RemoveAt(culprit);
    }

    private async Task<bool> SignAndSendAsync(List<PendingOperation> batch, string data, BigInteger gasLimit, Activity? span, CancellationToken stop)
    {
        var options = _connection.Options;
        var gasPrice = await UntilNodeAnswers(() => _connection.Web3.Eth.GasPrice.SendRequestAsync(), stop);
        for (var resyncs = 0; ; resyncs++)
        {
            if (_nextNonce < 0) _nextNonce = await PendingNonceAsync(stop);
            var raw = "0x" + _signer.SignTransaction(_connection.Signer.GetPrivateKeyAsBytes(), new BigInteger(options.ChainId),
                _connection.ContractAddress, BigInteger.Zero, _nextNonce, gasPrice.Value, gasLimit, data).EnsureHexPrefix().RemoveHexPrefix();
            var hash = "0x" + Sha3Keccack.Current.CalculateHashFromHex(raw);
            var outcome = await BroadcastAsync(raw, hash, stop);
            if (outcome == BroadcastOutcome.Accepted)
            {
                // The node holds this nonce now: advance before anything else can throw, or the next
                // batch would reuse it and be refused as an underpriced replacement.
                var nonce = _nextNonce++;
                var entrySpans = batch.Select(o => o.Span).ToList();
                lock (_inFlight) _inFlight.Add(new InFlightTransaction(hash, raw, batch, _time.GetTimestamp()));
                NoteSent(span, hash, nonce, entrySpans);
                _log.LogDebug("Sent {Hash} with {Count} entries", hash, batch.Count);
                return true;
            }
            if (outcome == BroadcastOutcome.NonceStale && resyncs < 3)
            {
                // Someone else used this account, or the node restarted: ask it where we are.
                _nextNonce = -1;
                continue;
            }
            var rejected = new ChainRejectedException($"The node refused the batch transaction: {_lastError}");
            span?.SetStatus(ActivityStatusCode.Error, rejected.Message);
            foreach (var operation in batch) Fail(operation, rejected);
            return false;
        }
    }

    private void NoteSent(Activity? span, string hash, BigInteger nonce, List<Activity?> entrySpans)
    {
        try
        {
            ChainTracing.NoteSent(span, hash, (long)nonce, entrySpans);
        }
        catch (Exception e)
        {
            // Telemetry must never fail a transaction the node has accepted.
            _log.LogWarning(e, "Could not record the spans of {Hash}", hash);
        }
    }

    private enum BroadcastOutcome
    {
        Accepted,
        NonceStale,
        Refused,
    }

    private async Task<BroadcastOutcome> BroadcastAsync(string raw, string hash, CancellationToken stop)
    {
        try
        {
            await UntilNodeAnswers(() => _connection.Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(raw), stop);
            return BroadcastOutcome.Accepted;
        }
        catch (RpcResponseException e) when (IsAlreadyKnown(e))
        {
            return BroadcastOutcome.Accepted;
        }
        catch (RpcResponseException e) when (IsNonceTooLow(e))
        {
            // An earlier attempt whose answer we lost may have been accepted: then this is our transaction.
            var known = await UntilNodeAnswers(() => _connection.Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(hash), stop);
            return known is not null ? BroadcastOutcome.Accepted : BroadcastOutcome.NonceStale;
        }
        catch (RpcResponseException e)
        {
            NoteError(e.RpcError?.Message ?? e.Message);
            return BroadcastOutcome.Refused;
        }
    }

    private static bool IsAlreadyKnown(RpcResponseException e) =>
        e.Message.Contains("already known", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("known transaction", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("already imported", StringComparison.OrdinalIgnoreCase);

    private static bool IsNonceTooLow(RpcResponseException e) =>
        e.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("NONCE_TOO_LOW", StringComparison.OrdinalIgnoreCase);

    private async Task<BigInteger> PendingNonceAsync(CancellationToken stop) =>
        (await UntilNodeAnswers(() => _connection.Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(
            _connection.SignerAddress, BlockParameter.CreatePending()), stop)).Value;

    /// <summary>
    /// Waits out a node that is down or restarting instead of failing callers: their entries are
    /// safe in memory, and losing them is worse than waiting. Callers bound the wait themselves.
    /// </summary>
    private async Task<T> UntilNodeAnswers<T>(Func<Task<T>> call, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                return await RpcRetry.RunAsync(call, stop);
            }
            catch (ChainUnavailableException e)
            {
                NoteError(e.Message);
                await Task.Delay(s_nodeDownPause, _time, stop);
            }
        }
    }
}
