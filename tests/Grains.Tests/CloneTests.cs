using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;

namespace Kusabi.Grains.Tests;

/// <summary>Step 1 with a pre key that has already done its work: a possible clone.</summary>
public sealed class CloneTests : IDisposable
{
    private readonly ActivationHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Begin_after_activation_is_pre_key_consumed_and_the_alert_is_persisted()
    {
        await _h.ActivateAsync();
        var writes = _h.Store.WriteCount;

        var outcome = await _h.BeginAsync(consumed: true);

        outcome.ShouldFailWith(ProblemCodes.PreKeyConsumed);
        outcome.Value.Should().BeNull();
        _h.Store.WriteCount.Should().Be(writes + 1);
        _h.Store.LastPersisted!.CloneAlerts.Should().Be(1);
        _h.Store.LastPersisted.Timeline[^1].Kind.Should().Be("clone-suspected");
    }

    [Fact]
    public async Task Begin_after_activation_leaves_the_active_device_and_the_chain_untouched()
    {
        await _h.ActivateAsync();
        var calls = _h.Chain.Calls.Count;
        var actId = _h.Device.ActId.ToString();

        await _h.BeginAsync(consumed: true);

        var state = _h.Store.LastPersisted!;
        state.Phase.Should().Be(DevicePhase.Active);
        state.Act!.Id.Should().Be(actId);
        state.PendingAct.Should().BeNull();
        _h.Chain.Calls.Should().HaveCount(calls);
        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().Equal(actId);
    }

    [Fact]
    public async Task Begin_after_activation_is_refused_even_when_the_pre_key_is_reported_unconsumed()
    {
        await _h.ActivateAsync();

        (await _h.BeginAsync(consumed: false)).ShouldFailWith(ProblemCodes.PreKeyConsumed);
        _h.Store.LastPersisted!.CloneAlerts.Should().Be(1);
    }

    [Fact]
    public async Task Every_clone_attempt_adds_one_alert()
    {
        await _h.ActivateAsync();

        for (var i = 0; i < 3; i++) await _h.BeginAsync(consumed: true);

        _h.Store.LastPersisted!.CloneAlerts.Should().Be(3);
        _h.Store.LastPersisted.Timeline.Count(e => e.Kind == "clone-suspected").Should().Be(3);
    }

    [Fact]
    public async Task A_consumed_pre_key_on_a_device_that_never_started_is_pre_key_consumed()
    {
        var outcome = await _h.BeginAsync(consumed: true);

        outcome.ShouldFailWith(ProblemCodes.PreKeyConsumed);
        _h.Store.WriteCount.Should().Be(1);
        _h.Store.LastPersisted!.CloneAlerts.Should().Be(1);
        _h.Store.LastPersisted.Phase.Should().Be(DevicePhase.Factory);
        _h.Store.LastPersisted.PreId.Should().BeNull();
        _h.Chain.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_begin_opens_no_session()
    {
        (await _h.BeginAsync(consumed: true)).ShouldFailWith(ProblemCodes.PreKeyConsumed);

        var outcome = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, new byte[16], new byte[44]);

        outcome.ShouldFailWith(ProblemCodes.UnknownSession);
    }

    [Fact]
    public async Task A_consumed_foreign_pre_key_during_an_activation_is_flagged_and_does_not_disturb_the_session()
    {
        await _h.BeginOkAsync();
        using var clone = new TestDevice();

        (await _h.Machine.BeginAsync(clone.Snapshot(consumed: true))).ShouldFailWith(ProblemCodes.PreKeyConsumed);

        _h.Store.LastPersisted!.CloneAlerts.Should().Be(1);
        _h.Store.LastPersisted.PreId.Should().Be(_h.Device.PreIdText);
        await _h.IssueOkAsync();
        await _h.ConfirmOkAsync();
        _h.Store.LastPersisted.Phase.Should().Be(DevicePhase.Active);
    }

    [Fact]
    public async Task A_consumed_pre_key_is_still_accepted_while_the_devices_own_activation_is_unfinished()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();

        var outcome = await _h.BeginAsync(consumed: true);

        outcome.Failure.Should().BeNull();
        _h.State.CloneAlerts.Should().Be(0);
    }

    [Fact]
    public async Task A_pre_key_presented_to_another_activating_device_is_not_mistaken_for_its_own()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        using var clone = new TestDevice();

        (await _h.Machine.BeginAsync(clone.Snapshot(consumed: true))).ShouldFailWith(ProblemCodes.PreKeyConsumed);
    }

    [Fact]
    public async Task Switching_to_another_pre_key_mid_activation_consumes_that_pre_key_too()
    {
        // Two pre keys registered for one device ref reach the same grain. PreConsumed is set by the
        // first pre key's consumption and must not stand for the second one.
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        using var second = new TestDevice();

        var offer = await _h.Machine.BeginAsync(second.Snapshot(consumed: false));
        second.AcceptOffer(offer.Value!);
        var grant = await _h.Machine.IssueActKeyAsync(second.PreIdText, second.SessionId, second.SealRequest());
        second.AcceptGrant(grant.Value!);
        (await _h.Machine.ConfirmAsync(second.PreIdText, second.SessionId, second.ActId.ToString(), second.SignConfirm())).Failure.Should().BeNull();

        _h.Store.LastPersisted!.PreId.Should().Be(second.PreIdText);
        _h.Chain.IsConsumed(second.PreIdText).Should().BeTrue("the pre key the device activated with must be consumed on chain");
    }
}
