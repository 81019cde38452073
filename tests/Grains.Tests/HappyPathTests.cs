using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;

namespace Kusabi.Grains.Tests;

/// <summary>Steps 1–5 with nothing going wrong.</summary>
public sealed class HappyPathTests : IDisposable
{
    private readonly ActivationHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void A_new_device_starts_in_the_factory_phase_with_nothing_persisted()
    {
        _h.Machine.State.Phase.Should().Be(DevicePhase.Factory);
        _h.Store.WriteCount.Should().Be(0);
    }

    [Fact]
    public async Task Begin_moves_the_device_to_activating_and_persists_the_pre_id()
    {
        await _h.BeginOkAsync();

        _h.Store.WriteCount.Should().Be(1);
        _h.Store.LastPersisted!.Phase.Should().Be(DevicePhase.Activating);
        _h.Store.LastPersisted.PreId.Should().Be(_h.Device.PreIdText);
        _h.Chain.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task The_offer_expires_one_session_lifetime_after_begin()
    {
        var offer = await _h.BeginOkAsync();

        offer.ExpiresAt.Should().Be(ActivationHarness.Start + _h.Settings.SessionLifetime);
    }

    [Fact]
    public async Task The_full_activation_ends_active_with_the_issued_act_key()
    {
        await _h.ActivateAsync();

        var state = _h.Store.LastPersisted!;
        state.Phase.Should().Be(DevicePhase.Active);
        state.Act!.Id.Should().Be(_h.Device.ActId.ToString());
        state.Act.PublicKey.Should().Equal(_h.Device.ActPublicKey());
        state.Act.Registered.Should().BeTrue();
        state.PendingAct.Should().BeNull();
        state.PreConsumed.Should().BeTrue();
        state.CloneAlerts.Should().Be(0);
    }

    [Fact]
    public async Task Activated_at_is_the_time_of_the_confirmation()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        _h.Clock.Advance(TimeSpan.FromSeconds(42));
        await _h.ConfirmOkAsync();

        _h.Store.LastPersisted!.ActivatedAt.Should().Be(ActivationHarness.Start + TimeSpan.FromSeconds(42));
    }

    [Fact]
    public async Task Persisted_phases_go_factory_then_activating_then_active()
    {
        await _h.ActivateAsync();

        var phases = _h.Store.Writes.Select(w => w.Phase).ToList();
        phases.Should().Equal(DevicePhase.Activating, DevicePhase.Activating, DevicePhase.Activating, DevicePhase.Active);
    }

    [Fact]
    public async Task The_pre_key_is_consumed_and_the_act_key_registered_exactly_once()
    {
        await _h.ActivateAsync();

        _h.Chain.CallsOf(ChainCall.Consume).Should().ContainSingle().Which.Id.Should().Be(_h.Device.PreIdText);
        var register = _h.Chain.CallsOf(ChainCall.Register).Should().ContainSingle().Subject;
        register.Id.Should().Be(_h.Device.ActId.ToString());
        register.DeviceRef.Should().Be(_h.DeviceRef);
        _h.Chain.CallsOf(ChainCall.Revoke).Should().BeEmpty();
        _h.Chain.ActKeys[register.Id].PublicKey.Should().Equal(_h.Device.ActPublicKey());
        _h.Chain.IsConsumed(_h.Device.PreIdText).Should().BeTrue();
    }

    [Fact]
    public async Task Exactly_one_act_key_is_active_on_chain_after_activation()
    {
        await _h.ActivateAsync();

        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().Equal(_h.Device.ActId.ToString());
    }

    [Fact]
    public async Task The_pending_act_key_is_persisted_before_the_chain_hears_of_it()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();

        var register = _h.Chain.CallsOf(ChainCall.Register).Single();
        register.WritesBefore.Should().BeGreaterThan(0);
        var persistedAtCall = _h.Store.Writes[register.WritesBefore - 1];
        persistedAtCall.PendingAct!.Id.Should().Be(register.Id);
        persistedAtCall.PendingAct.Registered.Should().BeFalse();
    }

    [Fact]
    public async Task After_the_grant_the_pending_act_key_is_persisted_as_registered_with_its_chain_reference()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();

        var pending = _h.Store.LastPersisted!.PendingAct!;
        pending.Id.Should().Be(_h.Device.ActId.ToString());
        pending.Registered.Should().BeTrue();
        pending.Transaction.Should().NotBeNull();
        pending.Block.Should().NotBeNull();
        _h.Store.LastPersisted.PreConsumed.Should().BeTrue();
        _h.Store.LastPersisted.Phase.Should().Be(DevicePhase.Activating);
    }

    [Fact]
    public async Task The_act_grant_opens_only_for_the_nonce_it_answers()
    {
        await _h.BeginOkAsync();
        var outcome = await _h.IssueAsync();
        var otherNonceAad = ActivationCrypto.ActGrantAad(_h.Device.SessionId, new byte[16]);

        var open = () => SessionCipher.Open(_h.Device.SessionKey, outcome.Value!, otherNonceAad);

        open.Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public async Task The_timeline_records_start_consumption_registration_and_activation_in_order()
    {
        await _h.ActivateAsync();

        var timeline = _h.Store.LastPersisted!.Timeline;
        timeline.Select(e => e.Kind).Should().Equal("activation-started", "pre-key-consumed", "act-key-registered", "activated");
        timeline.Should().OnlyContain(e => e.At == ActivationHarness.Start);
        timeline[0].Transaction.Should().BeNull();
        timeline.Skip(1).Should().OnlyContain(e => e.Transaction != null && e.Block != null);
        timeline[3].Transaction.Should().Be(timeline[2].Transaction, "activation points at the registration");
    }

    [Fact]
    public async Task The_timeline_keeps_only_the_newest_entries_up_to_the_limit()
    {
        _h.Settings.TimelineLimit = 2;

        await _h.ActivateAsync();

        _h.Store.LastPersisted!.Timeline.Select(e => e.Kind).Should().Equal("act-key-registered", "activated");
    }

    [Fact]
    public async Task Beginning_again_with_the_same_pre_key_writes_no_state()
    {
        await _h.BeginOkAsync();
        await _h.BeginOkAsync();

        _h.Store.WriteCount.Should().Be(1);
        _h.Store.LastPersisted!.Timeline.Should().ContainSingle();
    }

    [Fact]
    public async Task Beginning_again_replaces_the_session_and_activation_completes_in_the_new_one()
    {
        await _h.BeginOkAsync();
        var firstSession = _h.Device.SessionId;
        await _h.BeginOkAsync();

        var stale = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, firstSession, _h.Device.SealRequest());
        stale.ShouldFailWith(ProblemCodes.UnknownSession);
        await _h.IssueOkAsync();
        await _h.ConfirmOkAsync();
        _h.Store.LastPersisted!.Phase.Should().Be(DevicePhase.Active);
    }
}
