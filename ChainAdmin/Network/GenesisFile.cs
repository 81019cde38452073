using System.Text.Json.Nodes;

namespace Kusabi.ChainAdmin.Network;

/// <summary>The QBFT genesis: free gas (zero base fee), forks up to Cancun (the registry is compiled for it), 1 s blocks.</summary>
public static class GenesisFile
{
    public const int BlockPeriodSeconds = 1;
    public const int EpochLength = 30000;
    public const int RequestTimeoutSeconds = 4;
    /// <summary>300 M gas, as the embedded anvil: room for many 120-entry batches (each at most 2^24 gas) per block.</summary>
    public const string GasLimit = "0x11e1a300";
    /// <summary>The mix hash that marks a BFT block in Besu.</summary>
    public const string BftMixHash = "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365";

    public static JsonObject Build(NetworkPlan plan)
    {
        var alloc = new JsonObject();
        foreach (var account in plan.AllowedAccounts)
            alloc[account.ToLowerInvariant()] = new JsonObject { ["balance"] = "0x3635c9adc5dea00000" };
        return new JsonObject
        {
            ["config"] = new JsonObject
            {
                ["chainId"] = plan.ChainId,
                ["berlinBlock"] = 0,
                ["londonBlock"] = 0,
                ["shanghaiTime"] = 0,
                ["cancunTime"] = 0,
                ["zeroBaseFee"] = true,
                ["qbft"] = new JsonObject
                {
                    ["blockperiodseconds"] = BlockPeriodSeconds,
                    ["epochlength"] = EpochLength,
                    ["requesttimeoutseconds"] = RequestTimeoutSeconds,
                },
            },
            ["nonce"] = "0x0",
            ["timestamp"] = "0x0",
            ["gasLimit"] = GasLimit,
            ["difficulty"] = "0x1",
            ["mixHash"] = BftMixHash,
            ["coinbase"] = "0x0000000000000000000000000000000000000000",
            ["alloc"] = alloc,
            ["extraData"] = QbftExtraData.Encode(plan.Validators.Select(v => v.Key.Address)),
        };
    }
}
