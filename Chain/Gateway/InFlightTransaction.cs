namespace Kusabi.Chain.Gateway;

/// <summary>A signed transaction the node accepted and whose receipt has not been seen yet.</summary>
internal sealed class InFlightTransaction(string hash, string raw, List<PendingOperation> operations, long sentAt)
{
    public string Hash { get; } = hash;
    /// <summary>Kept so the exact same bytes can be broadcast again: same nonce, same hash, never a second copy.</summary>
    public string Raw { get; } = raw;
    public List<PendingOperation> Operations { get; } = operations;
    /// <summary>When the node first accepted it: the start of its submit-to-mined latency.</summary>
    public long SentAt { get; } = sentAt;
    public long LastBroadcastAt { get; set; } = sentAt;
}
