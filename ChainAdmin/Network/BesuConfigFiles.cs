using System.Globalization;
using System.Text;

namespace Kusabi.ChainAdmin.Network;

/// <summary>Besu's TOML files: account and node permissioning, and each validator's node configuration.</summary>
public static class BesuConfigFiles
{
    /// <summary>
    /// Sequential transactions one sender may keep waiting in the layered pool. The gateway keeps up to
    /// Chain:MaxTransactionsInFlight (16) unmined per silo and re-broadcasts; Besu's default (200) is enough
    /// for that, and this leaves room to raise the gateway's window without touching the validators.
    /// </summary>
    public const int MaxFutureBySender = 1000;

    public static string Permissions(NetworkPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine("# Account and node permissioning: only the registry admin and the member silos may send");
        text.AppendLine("# transactions, and only the validators may peer. Written by deploy/besu/generate-keys.sh.");
        text.AppendLine($"accounts-allowlist=[{Quoted(plan.AllowedAccounts.Select(a => a.ToLowerInvariant()))}]");
        text.AppendLine($"nodes-allowlist=[{Quoted(plan.Validators.Select(v => v.Enode))}]");
        return text.ToString();
    }

    public static string NodeConfig(NetworkPlan plan, NamedKey validator)
    {
        var priority = Quoted(plan.Members.Select(m => m.Key.Address.ToLowerInvariant()));
        return string.Create(CultureInfo.InvariantCulture, $"""
            # Besu node configuration of {validator.Name} (QBFT validator). Paths are those of deploy/compose.
            data-path="/opt/besu/data"
            genesis-file="/config/genesis.json"
            node-private-key-file="/config/{validator.Name}/key"
            logging="INFO"

            p2p-host="{validator.Host}"
            p2p-port={NamedKey.P2pPort}
            bootnodes=[{Quoted(plan.Validators.Where(v => v != validator).Select(v => v.Enode))}]

            rpc-http-enabled=true
            rpc-http-host="0.0.0.0"
            rpc-http-port=8545
            rpc-http-api=["ETH","NET","QBFT","WEB3","TXPOOL"]
            host-allowlist=["*"]

            # A free-gas consortium chain: zero base fee in the genesis, no minimum gas price here.
            min-gas-price=0

            # The silos' chain gateways batch many registry changes per transaction and keep several
            # transactions of the same sender unmined at once; the layered pool must not drop or delay them.
            tx-pool="layered"
            tx-pool-max-future-by-sender={MaxFutureBySender}
            tx-pool-priority-senders=[{priority}]

            permissions-accounts-config-file-enabled=true
            permissions-accounts-config-file="/config/permissions_config.toml"
            permissions-nodes-config-file-enabled=true
            permissions-nodes-config-file="/config/permissions_config.toml"

            """);
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(",", values.Select(v => $"\"{v}\""));
}
