using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;
using Nethereum.Contracts;

namespace Kusabi.Contract.Tests;

/// <summary>revokeKeys: any active key can be revoked once, with a reason; revoked and consumed are final.</summary>
public sealed class RevocationTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task Revoking_a_batch_makes_every_key_Revoked_with_the_reason_at_that_block()
    {
        var keys = KeyInputs.Mixed(9);
        var registered = await RegisterAsync(keys);

        var revoked = await RevokeAsync(RevocationReason.CloneSuspected, keys.Select(k => k.Id).ToArray());

        var expected = keys.Select(k => KeyInputs.ActiveRecord(k, AddressOf(Admin), BlockOf(registered)) with
        {
            Status = KeyStatus.Revoked,
            Reason = RevocationReason.CloneSuspected,
            StatusBlock = BlockOf(revoked),
        });
        (await GetKeysAsync(keys.Select(k => k.Id))).ShouldMatch(expected);
    }

    [Fact]
    public async Task Revoking_emits_KeyStatusChanged_from_Active_to_Revoked_with_each_reason()
    {
        var keys = KeyInputs.Mixed(6);
        await RegisterAsync(keys);
        var reasons = Enum.GetValues<RevocationReason>().Where(r => r != RevocationReason.Activated).ToList();
        var revocations = keys.Zip(reasons, (k, r) => KeyInputs.Revocation(k.Id, r)).ToList();

        var receipt = await As(Admin).SendAsync(new RevokeKeysFunction { Revocations = revocations });

        var events = receipt.DecodeAllEvents<KeyStatusChangedEvent>().Select(e => e.Event).ToList();
        events.Select(e => new KusabiId(e.Id)).Should().Equal(keys.Select(k => k.Id));
        events.Select(e => (RevocationReason)e.Reason).Should().Equal(reasons);
        events.Should().AllSatisfy(e =>
        {
            ((KeyStatus)e.From).Should().Be(KeyStatus.Active);
            ((KeyStatus)e.To).Should().Be(KeyStatus.Revoked);
            e.By.Should().BeEquivalentTo(AddressOf(Admin));
        });
        foreach (var (key, reason) in keys.Zip(reasons))
        {
            (await Reader.GetKeyAsync(key.Id)).Reason.Should().Be(reason);
        }
    }

    [Fact]
    public async Task Revoking_a_revoked_key_fails_with_InvalidTransition_and_keeps_the_first_reason()
    {
        var key = TestKeys.Art();
        await RegisterAsync(key);
        var first = await RevokeAsync(RevocationReason.Compromised, key.Id);

        var error = (await FluentActions.Awaiting(() => RevokeAsync(RevocationReason.Superseded, key.Id))
            .Should().ThrowAsync<InvalidTransitionException>()).Which;

        error.Id.Should().Be(key.Id);
        error.Current.Should().Be(KeyStatus.Revoked);
        error.Requested.Should().Be(KeyStatus.Revoked);
        var record = await Reader.GetKeyAsync(key.Id);
        record.Reason.Should().Be(RevocationReason.Compromised);
        record.StatusBlock.Should().Be(BlockOf(first));
    }

    [Fact]
    public async Task Revoking_a_consumed_key_fails_with_InvalidTransition_from_Consumed_to_Revoked()
    {
        var pre = TestKeys.Pre();
        await RegisterAsync(pre);
        await ConsumeAsync(pre.Id);

        var error = (await FluentActions.Awaiting(() => RevokeAsync(RevocationReason.Compromised, pre.Id))
            .Should().ThrowAsync<InvalidTransitionException>()).Which;

        error.Current.Should().Be(KeyStatus.Consumed);
        error.Requested.Should().Be(KeyStatus.Revoked);
        (await Reader.GetKeyAsync(pre.Id)).Status.Should().Be(KeyStatus.Consumed);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_fails_with_UnknownKey()
    {
        var id = TestKeys.Art().Id;

        var error = (await FluentActions.Awaiting(() => RevokeAsync(RevocationReason.Compromised, id))
            .Should().ThrowAsync<UnknownKeyException>()).Which;

        error.Id.Should().Be(id);
    }

    [Fact]
    public async Task A_revocation_batch_with_one_failing_entry_revokes_none()
    {
        var keys = KeyInputs.Mixed(4);
        await RegisterAsync(keys);
        var ids = keys.Select(k => k.Id).Append(TestKeys.Pre().Id).ToArray();

        await FluentActions.Awaiting(() => RevokeAsync(RevocationReason.Decommissioned, ids))
            .Should().ThrowAsync<UnknownKeyException>();

        (await GetKeysAsync(keys.Select(k => k.Id))).Should().OnlyContain(r => r.Status == KeyStatus.Active);
    }
}
