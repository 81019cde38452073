using Kusabi.Grains.Activation;

namespace Kusabi.Grains.Tests.Support;

public enum ChainCall
{
    Register,
    Consume,
    Revoke,
}

/// <summary>One call the state machine made, with how many state writes had happened before it.</summary>
public sealed record ChainCallRecord(ChainCall Kind, string Id, string? DeviceRef, int WritesBefore);

public enum ActKeyStatus
{
    Active,
    Revoked,
}

/// <summary>An act key as the fake registry holds it.</summary>
public sealed class OnChainActKey(string id, byte[] publicKey, string deviceRef)
{
    public string Id { get; } = id;
    public byte[] PublicKey { get; } = publicKey;
    public string DeviceRef { get; } = deviceRef;
    public ActKeyStatus Status { get; set; } = ActKeyStatus.Active;
    public string? RevocationReason { get; set; }
}

/// <summary>
/// An in-memory registry: records every call, keeps the on-chain model (act keys, consumed pre keys)
/// and can be told to fail or to answer differently on the next call of a kind.
/// </summary>
public sealed class FakeActivationChain(Func<int> writeCount) : IActivationChain
{
    public const string UndeliveredReason = "undelivered";

    private enum Mode
    {
        Throw,
        ApplyThenThrow,
        Answer,
    }

    private readonly Dictionary<ChainCall, Queue<(Mode Mode, ChainWriteResult Result)>> _scripted = [];
    private long _block = 100;

    public List<ChainCallRecord> Calls { get; } = [];
    public Dictionary<string, OnChainActKey> ActKeys { get; } = [];
    public HashSet<string> ConsumedPreKeys { get; } = [];

    public IEnumerable<ChainCallRecord> CallsOf(ChainCall kind) => Calls.Where(c => c.Kind == kind);

    public IReadOnlyList<string> ActiveActKeys(string deviceRef) =>
        ActKeys.Values.Where(k => k.DeviceRef == deviceRef && k.Status == ActKeyStatus.Active).Select(k => k.Id).ToList();

    public bool IsConsumed(string preId) => ConsumedPreKeys.Contains(preId);

    /// <summary>The next call of this kind throws; with <paramref name="landed"/> its change reaches the chain first.</summary>
    public void FailNext(ChainCall kind, bool landed = false) =>
        Script(kind, landed ? Mode.ApplyThenThrow : Mode.Throw, default);

    /// <summary>The next call of this kind answers <paramref name="result"/> without changing the model.</summary>
    public void AnswerNext(ChainCall kind, ChainWriteResult result) => Script(kind, Mode.Answer, result);

    public Task<ChainWrite> RegisterActKeyAsync(string actId, byte[] publicKey, string deviceRef) =>
        Handle(ChainCall.Register, actId, deviceRef, () =>
        {
            if (ActKeys.ContainsKey(actId)) return new ChainWrite(ChainWriteResult.AlreadyDone);
            ActKeys[actId] = new OnChainActKey(actId, publicKey.ToArray(), deviceRef);
            return Mined();
        });

    public Task<ChainWrite> ConsumePreKeyAsync(string preId) =>
        Handle(ChainCall.Consume, preId, null, () => ConsumedPreKeys.Add(preId) ? Mined() : new ChainWrite(ChainWriteResult.AlreadyDone));

    public Task<ChainWrite> RevokeUndeliveredAsync(string actId) =>
        Handle(ChainCall.Revoke, actId, null, () =>
        {
            if (!ActKeys.TryGetValue(actId, out var key)) return new ChainWrite(ChainWriteResult.NotFound);
            if (key.Status == ActKeyStatus.Revoked) return new ChainWrite(ChainWriteResult.AlreadyDone);
            key.Status = ActKeyStatus.Revoked;
            key.RevocationReason = UndeliveredReason;
            return Mined();
        });

    private void Script(ChainCall kind, Mode mode, ChainWriteResult result)
    {
        if (!_scripted.TryGetValue(kind, out var queue)) _scripted[kind] = queue = new();
        queue.Enqueue((mode, result));
    }

    private Task<ChainWrite> Handle(ChainCall kind, string id, string? deviceRef, Func<ChainWrite> apply)
    {
        Calls.Add(new ChainCallRecord(kind, id, deviceRef, writeCount()));
        if (!_scripted.TryGetValue(kind, out var queue) || !queue.TryDequeue(out var scripted))
            return Task.FromResult(apply());
        switch (scripted.Mode)
        {
            case Mode.Answer:
                return Task.FromResult(new ChainWrite(scripted.Result));
            case Mode.ApplyThenThrow:
                apply();
                return Task.FromException<ChainWrite>(new ActivationChainException($"{kind} sent but not confirmed (simulated)."));
            default:
                return Task.FromException<ChainWrite>(new ActivationChainException($"{kind} not confirmed (simulated)."));
        }
    }

    private ChainWrite Mined()
    {
        _block++;
        return new ChainWrite(ChainWriteResult.Done, $"0x{_block:x64}", _block);
    }
}
