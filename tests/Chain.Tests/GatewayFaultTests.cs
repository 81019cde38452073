using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.Chain.Node;
using Kusabi.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Kusabi.Chain.Tests;

public sealed class GatewayFaultTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task Cutting_the_rpc_connection_mid_batch_loses_no_entry()
    {
        var options = await anvil.DeployRegistryAsync();
        await using var proxy = new TcpProxy(anvil.Node.Port);
        options.RpcUrl = proxy.Url;
        options.RebroadcastAfter = TimeSpan.FromSeconds(1);
        using var connection = new ChainConnection(options);
        await using var gateway = new ChainGateway(connection, NullLogger<ChainGateway>.Instance);
        var keys = Enumerable.Range(0, 600).Select(_ => TestKeys.Pre()).ToList();

        var registrations = keys.Select(k => gateway.RegisterAsync(k)).ToList();
        await Eventually.TrueAsync(() => gateway.Status.InFlightTransactions > 0, TimeSpan.FromSeconds(30), "a batch in flight");
        proxy.Break();
        await Eventually.TrueAsync(() => gateway.Status.LastError is not null, TimeSpan.FromSeconds(30), "the gateway to notice the cut");
        proxy.Restore();
        await Task.WhenAll(registrations).WaitAsync(TimeSpan.FromMinutes(2));

        proxy.ConnectionsCut.Should().BeGreaterThan(0);
        options.RpcUrl = anvil.Node.RpcUrl;
        using var direct = new ChainConnection(options);
        var reader = new RegistryReader(direct);
        foreach (var key in keys) (await reader.GetKeyAsync(key.Id)).PublicKey.Should().Equal(key.PublicKey);
    }

    [Fact]
    public async Task A_transaction_sent_by_someone_else_with_the_same_account_does_not_break_the_nonce_sequence()
    {
        var options = await anvil.DeployRegistryAsync();
        using var connection = new ChainConnection(options);
        await using var gateway = new ChainGateway(connection, NullLogger<ChainGateway>.Instance);
        await gateway.RegisterAsync(TestKeys.Pre());

        var web3 = new Web3(new Account(options.SignerPrivateKey, options.ChainId), options.RpcUrl);
        web3.TransactionManager.UseLegacyAsDefault = true;
        await new DirectTransactions(web3, options.ContractAddress!).SendAsync(
            new Contract.RegisterKeysFunction { Keys = [] });

        var later = Enumerable.Range(0, 50).Select(_ => TestKeys.Pre()).ToList();
        await Task.WhenAll(later.Select(k => gateway.RegisterAsync(k))).WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Every_entry_fails_with_not_member_when_the_signer_is_not_a_consortium_member()
    {
        var options = await anvil.DeployRegistryAsync();
        options.SignerPrivateKey = AnvilNode.DevelopmentKeys[3];
        using var connection = new ChainConnection(options);
        await using var gateway = new ChainGateway(connection, NullLogger<ChainGateway>.Instance);

        var attempts = Enumerable.Range(0, 5).Select(_ => gateway.RegisterAsync(TestKeys.Pre())).ToList();

        foreach (var attempt in attempts) await attempt.Invoking(a => a).Should().ThrowAsync<NotMemberException>();
    }
}
