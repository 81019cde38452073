using Kusabi.Chain.Gateway;
using Kusabi.ChainAdmin.Network;
using Nethereum.Util;
using Tomlyn.Model;

namespace Kusabi.Deploy.Tests;

/// <summary>What every Besu network directory must satisfy, whether committed or freshly generated.</summary>
public abstract class NetworkContractTests
{
    protected abstract NetworkFiles Files { get; }

    [Fact]
    public void The_network_has_four_validators_and_three_member_silos()
    {
        Files.ValidatorNames.Should().Equal("validator-1", "validator-2", "validator-3", "validator-4");
        Files.MemberNames.Should().Equal("silo-1", "silo-2", "silo-3");
    }

    [Fact]
    public void Genesis_configures_qbft_with_block_period_epoch_and_round_timeout()
    {
        var qbft = Files.Genesis["config"]!["qbft"]!;
        qbft["blockperiodseconds"]!.GetValue<int>().Should().BeInRange(1, 2);
        qbft["epochlength"]!.GetValue<int>().Should().BePositive();
        qbft["requesttimeoutseconds"]!.GetValue<int>().Should().BeGreaterThan(qbft["blockperiodseconds"]!.GetValue<int>());
        Files.Genesis["mixHash"]!.GetValue<string>().Should().Be(GenesisFile.BftMixHash);
    }

    [Fact]
    public void Genesis_extra_data_decodes_to_exactly_the_validators_of_the_node_keys()
    {
        var validators = QbftExtraData.DecodeValidators(Files.Genesis["extraData"]!.GetValue<string>());

        validators.Should().Equal(Files.ValidatorAddresses);
    }

    [Fact]
    public void Each_validator_public_key_file_belongs_to_its_private_key()
    {
        foreach (var name in Files.ValidatorNames)
        {
            Files.ValidatorPublicKey(name).Should().Be(Files.ValidatorKey(name).PublicKey, name);
            NodeKey.AddressOfPublicKey(Files.ValidatorPublicKey(name)).Should().Be(Files.ValidatorKey(name).Address, name);
        }
    }

    [Fact]
    public void Accounts_allowlist_holds_exactly_the_admin_and_the_member_accounts_of_the_keys()
    {
        var expected = Files.MemberNames.Select(n => Files.MemberKey(n).Address).Prepend(Files.AdminKey.Address);

        NetworkFiles.Strings(Files.Permissions, "accounts-allowlist").Should().BeEquivalentTo(NetworkFiles.Lower(expected));
    }

    [Fact]
    public void Nodes_allowlist_holds_exactly_the_enodes_of_the_validator_keys()
    {
        var enodeIds = NetworkFiles.Strings(Files.Permissions, "nodes-allowlist")
            .Select(url => new Uri(url).UserInfo).ToList();

        enodeIds.Should().BeEquivalentTo(Files.ValidatorNames.Select(n => Files.ValidatorKey(n).EnodeId));
    }

    [Fact]
    public void Every_validator_serves_the_rpc_apis_the_silos_use_with_free_gas()
    {
        foreach (var name in Files.ValidatorNames)
        {
            var config = Files.NodeConfig(name);
            config["rpc-http-enabled"].Should().Be(true, name);
            NetworkFiles.Strings(config, "rpc-http-api").Should().BeEquivalentTo(["ETH", "NET", "QBFT", "WEB3", "TXPOOL"], name);
            NetworkFiles.Strings(config, "host-allowlist").Should().NotBeEmpty(name);
            config["min-gas-price"].Should().Be(0L, name);
            config["node-private-key-file"].Should().Be($"/config/{name}/key");
        }
    }

    [Fact]
    public void Every_validator_keeps_more_transactions_per_sender_than_a_gateway_has_in_flight()
    {
        // Besu refuses sequenced-pool options next to the layered pool, so only layered ones may appear.
        string[] sequencedOnly = ["tx-pool-limit-by-account-percentage", "tx-pool-max-size", "tx-pool-retention-hours"];
        foreach (var name in Files.ValidatorNames)
        {
            var config = Files.NodeConfig(name);
            config["tx-pool"].Should().Be("layered", name);
            ((long)config["tx-pool-max-future-by-sender"]!).Should().BeGreaterThanOrEqualTo(10 * new ChainOptions().MaxTransactionsInFlight, name);
            config.Keys.Should().NotContain(sequencedOnly, name);
            NetworkFiles.Strings(config, "tx-pool-priority-senders")
                .Should().BeEquivalentTo(NetworkFiles.Lower(Files.MemberNames.Select(n => Files.MemberKey(n).Address)), name);
        }
    }

    [Fact]
    public void Every_validator_enforces_account_and_node_permissioning_from_the_permissions_file()
    {
        foreach (var name in Files.ValidatorNames)
        {
            var config = Files.NodeConfig(name);
            config["permissions-accounts-config-file-enabled"].Should().Be(true, name);
            config["permissions-nodes-config-file-enabled"].Should().Be(true, name);
            config["permissions-accounts-config-file"].Should().Be("/config/permissions_config.toml", name);
            config["permissions-nodes-config-file"].Should().Be("/config/permissions_config.toml", name);
        }
    }

    [Fact]
    public void Every_validator_boots_from_the_other_validators_only()
    {
        var allowed = NetworkFiles.Strings(Files.Permissions, "nodes-allowlist");
        foreach (var name in Files.ValidatorNames)
        {
            var bootnodes = NetworkFiles.Strings(Files.NodeConfig(name), "bootnodes");
            bootnodes.Should().HaveCount(Files.ValidatorNames.Count - 1, name).And.BeSubsetOf(allowed, name);
            bootnodes.Should().NotContain(b => b.Contains(Files.ValidatorKey(name).EnodeId), name);
        }
    }

    [Fact]
    public void The_registry_address_is_the_admins_first_deployment()
    {
        var expected = ContractUtils.CalculateContractAddress(Files.AdminKey.Address, 0);

        Files.RegistryEnv["Chain__ContractAddress"].Should().BeEquivalentTo(expected);
        Files.RegistryEnv["Chain__ChainId"].Should().Be(Files.Genesis["config"]!["chainId"]!.ToString());
    }

    [Fact]
    public void Each_member_env_file_signs_as_that_members_key()
    {
        foreach (var name in Files.MemberNames)
        {
            var env = DeployFiles.EnvFile(Path.Combine(Files.Directory, "accounts", $"{name}.env"));
            NodeKey.FromPrivateKey(env["Chain__SignerPrivateKey"]).Address.Should().Be(Files.MemberKey(name).Address, name);
        }
    }

    [Fact]
    public void Genesis_funds_exactly_the_accounts_that_may_send_transactions()
    {
        var alloc = Files.Genesis["alloc"]!.AsObject().Select(kv => kv.Key);

        alloc.Should().BeEquivalentTo(NetworkFiles.Strings(Files.Permissions, "accounts-allowlist"));
    }
}
