using System.Diagnostics;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Chain.Telemetry;
using Kusabi.Protocol.Identity;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Kusabi.Chain.Gateway;

internal enum OperationKind
{
    Register,
    Consume,
    Revoke,
    /// <summary>Any other registry call (e.g. anchoring a release): sent alone, in the same nonce sequence.</summary>
    Call,
}

/// <summary>One caller's change waiting to be folded into a transaction.</summary>
internal sealed class PendingOperation(OperationKind kind, KusabiId id, long enqueuedAt)
{
    public OperationKind Kind { get; } = kind;
    public KusabiId Id { get; } = id;
    public long EnqueuedAt { get; } = enqueuedAt;
    public KeyRegistration? Registration { get; init; }
    public RevocationReason Reason { get; init; }
    /// <summary>Encoded call data of a <see cref="OperationKind.Call"/>.</summary>
    public string? CallData { get; init; }
    public int RevertedAttempts { get; set; }
    public TaskCompletionSource<ChainReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The caller's span for this entry; it ends when the entry is mined or fails.</summary>
    public Activity? Span { get; set; }

    /// <summary>Ends the span first, so the caller resumes with its entry's span already complete.</summary>
    public void Succeed(ChainReceipt receipt)
    {
        if (Completion.Task.IsCompleted) return;
        ChainTracing.EndEntry(Span, receipt.TransactionHash, receipt.BlockNumber, receipt.EntriesInTransaction, null);
        Completion.TrySetResult(receipt);
    }

    public void Fail(Exception error)
    {
        if (Completion.Task.IsCompleted) return;
        ChainTracing.EndEntry(Span, null, null, null, error);
        Completion.TrySetException(error);
    }

    /// <summary>Whether a typed error about <paramref name="error"/>'s key can have come from this entry.</summary>
    public bool CouldCause(KeyException error) => error.Id == Id && error switch
    {
        KeyConflictException or InvalidKeyException => Kind == OperationKind.Register,
        WrongPurposeException => Kind == OperationKind.Consume,
        UnknownKeyException or InvalidTransitionException => Kind != OperationKind.Register,
        _ => false,
    };

    /// <summary>The call data of a batch: a lone call as itself, key changes folded into applyBatch.</summary>
    public static string CallDataOf(IReadOnlyList<PendingOperation> batch) =>
        batch is [{ Kind: OperationKind.Call, CallData: { } data }] ? data : Encode(batch).GetCallData().ToHex(true);

    public static ApplyBatchFunction Encode(IReadOnlyCollection<PendingOperation> batch) => new()
    {
        Keys = batch.Where(o => o.Kind == OperationKind.Register).Select(o => ToStruct(o.Registration!)).ToList(),
        PreIds = batch.Where(o => o.Kind == OperationKind.Consume).Select(o => o.Id.ToArray()).ToList(),
        Revocations = batch.Where(o => o.Kind == OperationKind.Revoke)
            .Select(o => new RevocationStruct { Id = o.Id.ToArray(), Reason = (byte)o.Reason }).ToList(),
    };

    private static KeyInputStruct ToStruct(KeyRegistration r) => new()
    {
        Id = r.Id.ToArray(),
        Purpose = (byte)r.Purpose,
        Algorithm = (byte)r.Algorithm,
        PublicKey = r.PublicKey,
        DeviceRef = r.Device?.ToArray() ?? new byte[32],
    };
}
