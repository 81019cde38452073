using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;

namespace Kusabi.Grains.Tests;

/// <summary>
/// A crash at every point of steps 2–5: the machine (and its in-memory session) is discarded and
/// rebuilt from what storage last held, then the device starts over at step 1, told whether the
/// pre key is consumed as the chain says. It must always end active with exactly one act key.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly ActivationHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>Crash, restart, and activate from step 1 in a new session.</summary>
    private async Task RestartAndActivateAsync()
    {
        var oldSession = _h.Device.SessionId;
        _h.Restart();

        if (oldSession.Length > 0)
        {
            var stale = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, oldSession, _h.Device.SealRequest());
            stale.ShouldFailWith(ProblemCodes.UnknownSession);
        }
        await _h.ActivateAsync();
    }

    private void ShouldEndActiveWithOneActKey()
    {
        var state = _h.Store.LastPersisted!;
        state.Phase.Should().Be(DevicePhase.Active);
        state.Act!.Id.Should().Be(_h.Device.ActId.ToString());
        state.PendingAct.Should().BeNull();
        state.CloneAlerts.Should().Be(0);
        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().Equal(state.Act.Id);
        _h.Chain.IsConsumed(_h.Device.PreIdText).Should().BeTrue();
    }

    private void EarlierKeyShouldBeRevoked(string earlierId)
    {
        _h.Chain.CallsOf(ChainCall.Revoke).Should().Contain(c => c.Id == earlierId);
        _h.Chain.ActKeys[earlierId].Status.Should().Be(ActKeyStatus.Revoked);
        _h.Chain.ActKeys[earlierId].RevocationReason.Should().Be(FakeActivationChain.UndeliveredReason);
    }

    private void EarlierKeyShouldNeverBeActive(string earlierId) =>
        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().NotContain(earlierId);

    [Fact]
    public async Task Crash_after_begin_recovers()
    {
        await _h.BeginOkAsync();
        _h.Store.LastPersisted!.Phase.Should().Be(DevicePhase.Activating);

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        _h.Chain.CallsOf(ChainCall.Revoke).Should().BeEmpty();
    }

    [Fact]
    public async Task Crash_after_the_pending_act_key_is_persisted_but_before_registration_recovers()
    {
        await _h.BeginOkAsync();
        _h.Store.CrashOnce(s => s.PendingAct is { Registered: false }, afterPersisting: true);

        await _h.Awaiting(h => h.IssueAsync()).Should().ThrowAsync<SimulatedCrashException>();
        var earlier = _h.Store.LastPersisted!.PendingAct!.Id;
        _h.Chain.CallsOf(ChainCall.Register).Should().BeEmpty();

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        EarlierKeyShouldBeRevoked(earlier);
    }

    [Fact]
    public async Task A_registration_sent_before_a_crash_and_mined_after_recovery_leaves_the_earlier_key_revoked()
    {
        await _h.BeginOkAsync();
        _h.Chain.FailNext(ChainCall.Register, landed: false);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);
        var earlier = _h.Store.LastPersisted!.PendingAct!;

        await RestartAndActivateAsync();
        await _h.Chain.RegisterActKeyAsync(earlier.Id, earlier.PublicKey, _h.DeviceRef);

        ShouldEndActiveWithOneActKey();
        EarlierKeyShouldBeRevoked(earlier.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Registration_failure_then_crash_recovers(bool registrationLanded)
    {
        await _h.BeginOkAsync();
        _h.Chain.FailNext(ChainCall.Register, landed: registrationLanded);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);
        var earlier = _h.Store.LastPersisted!.PendingAct!.Id;

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        if (registrationLanded) EarlierKeyShouldBeRevoked(earlier);
        EarlierKeyShouldNeverBeActive(earlier);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Consumption_failure_then_crash_recovers(bool consumptionLanded)
    {
        await _h.BeginOkAsync();
        _h.Chain.FailNext(ChainCall.Consume, landed: consumptionLanded);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);
        var earlier = _h.Store.LastPersisted!.PendingAct!.Id;
        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().Equal(earlier);

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        EarlierKeyShouldBeRevoked(earlier);
    }

    [Fact]
    public async Task Crash_after_the_chain_writes_when_saving_the_registration_recovers()
    {
        await _h.BeginOkAsync();
        _h.Store.CrashOnce(s => s.PendingAct is { Registered: true }, afterPersisting: false);

        await _h.Awaiting(h => h.IssueAsync()).Should().ThrowAsync<SimulatedCrashException>();
        var earlier = _h.Store.LastPersisted!.PendingAct!.Id;
        _h.Store.LastPersisted.PendingAct.Registered.Should().BeFalse();
        _h.Store.LastPersisted.PreConsumed.Should().BeFalse();
        _h.Chain.IsConsumed(_h.Device.PreIdText).Should().BeTrue();

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        EarlierKeyShouldBeRevoked(earlier);
    }

    [Fact]
    public async Task Crash_after_the_grant_was_returned_but_before_confirmation_recovers()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        var earlier = _h.Device.ActId.ToString();

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        _h.Device.ActId.ToString().Should().NotBe(earlier);
        EarlierKeyShouldBeRevoked(earlier);
        _h.Chain.CallsOf(ChainCall.Consume).Should().ContainSingle("the pre key was already consumed by this device");
    }

    [Fact]
    public async Task Crash_during_the_confirmation_write_recovers()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        var earlier = _h.Device.ActId.ToString();
        _h.Store.CrashOnce(s => s.Phase == DevicePhase.Active, afterPersisting: false);

        await _h.Awaiting(h => h.ConfirmAsync()).Should().ThrowAsync<SimulatedCrashException>();

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        EarlierKeyShouldBeRevoked(earlier);
    }

    [Fact]
    public async Task A_crash_while_recovering_still_recovers()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        var first = _h.Device.ActId.ToString();
        _h.Restart();
        await _h.BeginOkAsync();
        _h.Store.CrashOnce(s => s.PendingAct is { Registered: true }, afterPersisting: false);
        await _h.Awaiting(h => h.IssueAsync()).Should().ThrowAsync<SimulatedCrashException>();
        var second = _h.Store.LastPersisted!.PendingAct!.Id;

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
        EarlierKeyShouldBeRevoked(first);
        EarlierKeyShouldBeRevoked(second);
    }

    [Fact]
    public async Task Crash_after_an_undelivered_key_was_revoked_but_before_its_replacement_was_saved_recovers()
    {
        // The first request's registration fails while its consumption lands: the pre key is
        // consumed on chain but not in state. The retry revokes the pending key (and persists
        // that), then the process dies before the replacement key is persisted.
        await _h.BeginOkAsync();
        _h.Chain.FailNext(ChainCall.Register);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);
        var earlier = _h.Store.LastPersisted!.PendingAct!.Id;
        _h.Chain.IsConsumed(_h.Device.PreIdText).Should().BeTrue();
        _h.Store.CrashOnce(s => s.PendingAct is { } p && p.Id != earlier, afterPersisting: false);
        await _h.Awaiting(h => h.IssueAsync()).Should().ThrowAsync<SimulatedCrashException>();

        await RestartAndActivateAsync();

        ShouldEndActiveWithOneActKey();
    }

    [Fact]
    public async Task After_recovery_the_act_key_of_the_lost_attempt_no_longer_confirms()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        var (oldId, oldSeed, oldPublicKey) = (_h.Device.ActId, _h.Device.ActSeed, _h.Device.ActPublicKey());
        _h.Restart();
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        var transcript = ActivationCrypto.ConfirmTranscript(_h.Device.SessionId, _h.Device.PreId, oldId, oldPublicKey);

        (await _h.ConfirmAsync(Ed25519Signer.Sign(oldSeed, transcript), oldId.ToString())).ShouldFailWith(ProblemCodes.ActKeyMismatch);

        await _h.ConfirmOkAsync();
        ShouldEndActiveWithOneActKey();
    }
}
