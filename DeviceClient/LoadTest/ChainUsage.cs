namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// What the run cost on chain, counted from the chain itself: registry transactions mined in the
/// run's block range (those that emitted registry events) and the key entries they carried
/// (KeyRegistered, KeyStatusChanged and ReleaseAnchored events), plus the silo gateway's own counters as a cross-check.
/// </summary>
public sealed record ChainUsage(
    string RpcUrl,
    string Contract,
    long FromBlock,
    long ToBlock,
    int Transactions,
    int Entries,
    double EntriesPerTransaction,
    int MaxEntriesPerTransaction,
    long? GatewayTransactions,
    long? GatewayEntries)
{
    public int Blocks => (int)Math.Max(0, ToBlock - FromBlock + 1);
}
