namespace Kusabi.DeviceClient.LoadTest;

/// <summary>The chain as seen at one moment: where it is, the head block, and the silo gateway's counters (if the silo reported them).</summary>
public sealed record ChainSnapshot(string RpcUrl, string Contract, long HeadBlock, long? GatewayTransactions, long? GatewayEntries);
