using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;

namespace Kusabi.Contract.Tests;

/// <summary>Every change is an event: the logs alone give the full history of every key.</summary>
public sealed class HistoryTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task Every_key_can_be_rebuilt_from_KeyRegistered_and_KeyStatusChanged_logs_alone()
    {
        await As(Admin).SendAsync(new AddMemberFunction { Member = AddressOf(Outsider) });
        var (d1, d2, d3, d4) = (DeviceRef.CreateRandom(), DeviceRef.CreateRandom(), DeviceRef.CreateRandom(), DeviceRef.CreateRandom());
        var (pre1, pre2, pre3, pre4, pre5) = (TestKeys.Pre(d1), TestKeys.Pre(d2), TestKeys.Pre(d3), TestKeys.Pre(d4), TestKeys.Pre(d4));
        var (act1, act2, act4) = (TestKeys.Act(d1), TestKeys.Act(d2), TestKeys.Act(d4));
        var (art1, art2) = (TestKeys.Art(), TestKeys.Art());

        await RegisterAsync(pre1, pre2, pre3, act1, art1);
        await RegisterAsync([act2, pre4, art2, pre1], account: Outsider); // pre1 again: idempotent, no event
        await ConsumeAsync(pre1.Id, pre2.Id);
        await RevokeAsync(RevocationReason.Compromised, act1.Id, art1.Id);
        await As(Outsider).SendAsync(new ApplyBatchFunction
        {
            Keys = KeyInputs.From([pre5, act4]),
            PreIds = [pre4.Id.ToArray()],
            Revocations = [KeyInputs.Revocation(pre3.Id, RevocationReason.Undelivered), KeyInputs.Revocation(pre5.Id, RevocationReason.Superseded)],
        });
        var all = new[] { pre1, pre2, pre3, pre4, pre5, act1, act2, act4, art1, art2 };

        var rebuilt = KeyHistory.Rebuild(await LogsAsync<KeyRegisteredEvent>(), await LogsAsync<KeyStatusChangedEvent>());

        rebuilt.Keys.Should().BeEquivalentTo(all.Select(k => k.Id), o => o.ComparingByValue<KusabiId>());
        var onChain = await GetKeysAsync(all.Select(k => k.Id));
        onChain.ShouldMatch(all.Select(k => rebuilt[k.Id]));
        onChain.Select(r => r.Status).Should().Equal(
            KeyStatus.Consumed, KeyStatus.Consumed, KeyStatus.Revoked, KeyStatus.Consumed, KeyStatus.Revoked,
            KeyStatus.Revoked, KeyStatus.Active, KeyStatus.Active, KeyStatus.Revoked, KeyStatus.Active);
    }
}
