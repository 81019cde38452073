namespace Kusabi.Chain.Node;

/// <summary>How the embedded anvil node is started.</summary>
public sealed record AnvilSettings
{
    public string? BinaryPath { get; init; }
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }
    public long ChainId { get; init; } = 31337;
    public TimeSpan BlockTime { get; init; } = TimeSpan.FromSeconds(1);
    public long BlockGasLimit { get; init; } = 300_000_000;
    /// <summary>When set, blocks, receipts and logs survive a restart of the node.</summary>
    public string? StateFile { get; init; }
}
