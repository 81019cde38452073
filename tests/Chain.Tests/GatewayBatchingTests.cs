using Kusabi.Chain.Model;
using Kusabi.TestSupport;
using Nethereum.RPC.Eth.DTOs;

namespace Kusabi.Chain.Tests;

public sealed class GatewayBatchingTests(AnvilFixture anvil) : GatewayTestBase(anvil)
{
    [Fact]
    public async Task Two_thousand_concurrent_registrations_all_land_in_far_fewer_transactions_with_exact_state()
    {
        var nonceBefore = await SignerNonceAsync();
        var keys = Enumerable.Range(0, 2_000).Select(_ => TestKeys.Pre()).ToList();

        var receipts = await Task.WhenAll(keys.Select(k => Task.Run(() => Gateway.RegisterAsync(k))));

        var transactions = receipts.Select(r => r.TransactionHash).Distinct().ToList();
        transactions.Count.Should().BeLessThan(keys.Count / 20, "entries are folded into batch transactions");
        (await SignerNonceAsync()).Should().Be(nonceBefore + transactions.Count, "every nonce was used exactly once, with no gap");
        foreach (var hash in transactions)
        {
            var receipt = await Connection.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
            receipt.Status.Value.Should().Be(1);
        }
        var onChain = await Task.WhenAll(keys.Select(k => Reader.GetKeyAsync(k.Id)));
        for (var i = 0; i < keys.Count; i++)
        {
            onChain[i].PublicKey.Should().Equal(keys[i].PublicKey);
            onChain[i].Device.Should().Be(keys[i].Device);
            onChain[i].Purpose.Should().Be(keys[i].Purpose);
            onChain[i].Status.Should().Be(KeyStatus.Active);
            onChain[i].RegisteredBlock.Should().Be(receipts[i].BlockNumber);
        }
        Gateway.Status.EntriesCommitted.Should().Be(keys.Count);
    }

    [Fact]
    public async Task A_conflicting_entry_fails_alone_with_the_typed_error_and_its_batch_mates_land()
    {
        var original = TestKeys.Pre();
        await Gateway.RegisterAsync(original);
        var conflicting = original with { PublicKey = TestKeys.Pre().PublicKey };
        var others = Enumerable.Range(0, 30).Select(_ => TestKeys.Pre()).ToList();

        var conflict = Gateway.RegisterAsync(conflicting);
        var rest = others.Select(k => Gateway.RegisterAsync(k)).ToList();

        (await conflict.Invoking(t => t).Should().ThrowAsync<KeyConflictException>()).Which.Id.Should().Be(original.Id);
        await Task.WhenAll(rest);
        (await Reader.GetKeyAsync(original.Id)).PublicKey.Should().Equal(original.PublicKey);
    }

    [Fact]
    public async Task Registering_the_same_key_twice_succeeds_both_times_and_changes_nothing()
    {
        var key = TestKeys.Pre();
        var first = await Gateway.RegisterAsync(key);
        await Gateway.RegisterAsync(key);

        (await Reader.GetKeyAsync(key.Id)).RegisteredBlock.Should().Be(first.BlockNumber);
    }

    [Fact]
    public async Task Of_two_concurrent_consumptions_of_one_pre_key_exactly_one_succeeds()
    {
        var pre = TestKeys.Pre();
        await Gateway.RegisterAsync(pre);

        var attempts = new[] { Gateway.ConsumeAsync(pre.Id), Gateway.ConsumeAsync(pre.Id) };
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try { await a; return "ok"; }
            catch (InvalidTransitionException e) when (e.Current == KeyStatus.Consumed) { return "refused"; }
        }));

        outcomes.Should().BeEquivalentTo(["ok", "refused"]);
        (await Reader.GetKeyAsync(pre.Id)).Status.Should().Be(KeyStatus.Consumed);
    }

    [Fact]
    public async Task Consuming_an_act_key_fails_with_wrong_purpose()
    {
        var act = TestKeys.Act(Protocol.Identity.DeviceRef.CreateRandom());
        await Gateway.RegisterAsync(act);

        await Gateway.Invoking(g => g.ConsumeAsync(act.Id)).Should().ThrowAsync<WrongPurposeException>();
    }

    [Fact]
    public async Task Revoking_an_unknown_key_fails_with_unknown_key()
    {
        await Gateway.Invoking(g => g.RevokeAsync(TestKeys.Pre().Id, RevocationReason.Compromised))
            .Should().ThrowAsync<UnknownKeyException>();
    }

    private async Task<long> SignerNonceAsync() =>
        (long)(await Connection.Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(Connection.SignerAddress, BlockParameter.CreateLatest())).Value;
}
