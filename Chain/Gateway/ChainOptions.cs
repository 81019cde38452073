namespace Kusabi.Chain.Gateway;

/// <summary>
/// How to reach the registry. Everything a deployment changes lives here, so the same code runs
/// against the embedded anvil and a Besu QBFT network.
/// </summary>
public sealed class ChainOptions
{
    public const string Section = "Chain";

    /// <summary>JSON-RPC endpoint; empty means "start the embedded anvil node".</summary>
    public string? RpcUrl { get; set; }

    public long ChainId { get; set; } = 31337;

    /// <summary>Registry address; empty with the embedded node means "deploy and record it".</summary>
    public string? ContractAddress { get; set; }

    /// <summary>Hex private key of this node's consortium member account.</summary>
    public string? SignerPrivateKey { get; set; }

    /// <summary>Upper bound of entries folded into one transaction (EIP-7825 caps a transaction at 2^24 gas).</summary>
    public int MaxEntriesPerTransaction { get; set; } = 120;

    /// <summary>Transactions sent but not yet mined. Besu limits pending transactions per sender: raise its pool share or lower this.</summary>
    public int MaxTransactionsInFlight { get; set; } = 16;

    public long TransactionGasCap { get; set; } = 16_000_000;

    public TimeSpan ReceiptPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A transaction with no receipt after this long is sent again (same bytes, so never twice).</summary>
    public TimeSpan RebroadcastAfter { get; set; } = TimeSpan.FromSeconds(8);

    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Widest block range of one log query (Besu's default limit is 5,000).</summary>
    public int MaxLogBlockRange { get; set; } = 2_000;
}
