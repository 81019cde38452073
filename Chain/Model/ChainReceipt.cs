namespace Kusabi.Chain.Model;

/// <summary>Where a change landed: the transaction that included it and that transaction's block.</summary>
public sealed record ChainReceipt(string TransactionHash, long BlockNumber, int EntriesInTransaction);
