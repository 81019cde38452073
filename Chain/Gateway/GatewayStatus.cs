namespace Kusabi.Chain.Gateway;

/// <summary>A snapshot of the gateway for health checks and operator screens.</summary>
public sealed record GatewayStatus(
    string SignerAddress,
    int QueuedEntries,
    int InFlightTransactions,
    int InFlightEntries,
    long TransactionsMined,
    long EntriesCommitted,
    long LastMinedBlock,
    string? LastError);
