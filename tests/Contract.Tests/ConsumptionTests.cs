using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;
using Nethereum.Contracts;

namespace Kusabi.Contract.Tests;

/// <summary>consumeKeys: a pre key is used up once, at activation; nothing else can be consumed.</summary>
public sealed class ConsumptionTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task Consuming_a_pre_key_makes_it_Consumed_with_reason_Activated_at_that_block()
    {
        var pre = TestKeys.Pre();
        var registered = await RegisterAsync(pre);

        var consumed = await ConsumeAsync(pre.Id);

        var expected = KeyInputs.ActiveRecord(pre, AddressOf(Admin), BlockOf(registered)) with
        {
            Status = KeyStatus.Consumed,
            Reason = RevocationReason.Activated,
            StatusBlock = BlockOf(consumed),
        };
        (await Reader.GetKeyAsync(pre.Id)).ShouldMatch(expected);
        ((byte)RevocationReason.Activated).Should().Be(6);
    }

    [Fact]
    public async Task Consuming_emits_KeyStatusChanged_from_Active_to_Consumed_per_key()
    {
        var pres = new[] { TestKeys.Pre(), TestKeys.Pre(), TestKeys.Pre() };
        await RegisterAsync(pres);

        var receipt = await ConsumeAsync(pres.Select(p => p.Id).ToArray());

        var events = receipt.DecodeAllEvents<KeyStatusChangedEvent>().Select(e => e.Event).ToList();
        events.Select(e => new KusabiId(e.Id)).Should().Equal(pres.Select(p => p.Id));
        events.Should().AllSatisfy(e =>
        {
            ((KeyStatus)e.From).Should().Be(KeyStatus.Active);
            ((KeyStatus)e.To).Should().Be(KeyStatus.Consumed);
            ((RevocationReason)e.Reason).Should().Be(RevocationReason.Activated);
            e.By.Should().BeEquivalentTo(AddressOf(Admin));
        });
    }

    [Fact]
    public async Task Consuming_a_consumed_key_fails_with_InvalidTransition_from_Consumed_to_Consumed()
    {
        var pre = TestKeys.Pre();
        await RegisterAsync(pre);
        await ConsumeAsync(pre.Id);

        var error = (await FluentActions.Awaiting(() => ConsumeAsync(pre.Id)).Should().ThrowAsync<InvalidTransitionException>()).Which;

        error.Id.Should().Be(pre.Id);
        error.Current.Should().Be(KeyStatus.Consumed);
        error.Requested.Should().Be(KeyStatus.Consumed);
    }

    [Fact]
    public async Task Consuming_a_revoked_pre_key_fails_with_InvalidTransition_from_Revoked_to_Consumed()
    {
        var pre = TestKeys.Pre();
        await RegisterAsync(pre);
        await RevokeAsync(RevocationReason.Undelivered, pre.Id);

        var error = (await FluentActions.Awaiting(() => ConsumeAsync(pre.Id)).Should().ThrowAsync<InvalidTransitionException>()).Which;

        error.Current.Should().Be(KeyStatus.Revoked);
        error.Requested.Should().Be(KeyStatus.Consumed);
    }

    [Theory]
    [InlineData(KeyPurpose.Act)]
    [InlineData(KeyPurpose.Art)]
    public async Task Consuming_a_key_that_is_not_a_pre_key_fails_with_WrongPurpose(KeyPurpose purpose)
    {
        var key = purpose == KeyPurpose.Act ? TestKeys.Act(DeviceRef.CreateRandom()) : TestKeys.Art();
        await RegisterAsync(key);

        var error = (await FluentActions.Awaiting(() => ConsumeAsync(key.Id)).Should().ThrowAsync<WrongPurposeException>()).Which;

        error.Id.Should().Be(key.Id);
        error.Actual.Should().Be(purpose);
        error.Expected.Should().Be(KeyPurpose.Pre);
        (await Reader.GetKeyAsync(key.Id)).Status.Should().Be(KeyStatus.Active);
    }

    [Fact]
    public async Task Consuming_an_unknown_key_fails_with_UnknownKey()
    {
        var id = TestKeys.Pre().Id;

        var error = (await FluentActions.Awaiting(() => ConsumeAsync(id)).Should().ThrowAsync<UnknownKeyException>()).Which;

        error.Id.Should().Be(id);
    }
}
