using System.Security.Cryptography;
using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;

namespace Kusabi.Grains.Tests;

/// <summary>Step 5: proof of possession of the issued act key.</summary>
public sealed class ConfirmTests : IDisposable
{
    private readonly ActivationHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task IssuedAsync()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
    }

    private async Task ShouldBeRefusedWithStateUnchangedAsync(Task<Outcome<string>> confirm, string code)
    {
        var (before, writes, calls) = (StateCopy.Json(_h.State), _h.Store.WriteCount, _h.Chain.Calls.Count);

        (await confirm).ShouldFailWith(code);

        StateCopy.Json(_h.State).Should().Be(before);
        _h.Store.WriteCount.Should().Be(writes);
        _h.Chain.Calls.Should().HaveCount(calls);
        _h.State.Phase.Should().Be(DevicePhase.Activating);
    }

    [Fact]
    public async Task Confirming_before_any_act_key_was_issued_is_an_act_key_mismatch()
    {
        await _h.BeginOkAsync();

        await ShouldBeRefusedWithStateUnchangedAsync(
            _h.Machine.ConfirmAsync(_h.Device.PreIdText, _h.Device.SessionId, ActivationHarness.OtherId(), new byte[64]),
            ProblemCodes.ActKeyMismatch);
    }

    [Fact]
    public async Task Confirming_another_act_id_is_an_act_key_mismatch()
    {
        await IssuedAsync();

        await ShouldBeRefusedWithStateUnchangedAsync(_h.ConfirmAsync(actId: ActivationHarness.OtherId()), ProblemCodes.ActKeyMismatch);
    }

    [Fact]
    public async Task Confirming_a_superseded_act_key_is_an_act_key_mismatch()
    {
        await IssuedAsync();
        var firstId = _h.Device.ActId.ToString();
        var firstSignature = _h.Device.SignConfirm();
        await _h.IssueOkAsync();

        await ShouldBeRefusedWithStateUnchangedAsync(_h.ConfirmAsync(firstSignature, firstId), ProblemCodes.ActKeyMismatch);
    }

    [Fact]
    public async Task Confirming_a_pending_act_key_that_never_got_registered_is_an_act_key_mismatch()
    {
        await _h.BeginOkAsync();
        _h.Chain.FailNext(ChainCall.Register);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);
        var pendingId = _h.State.PendingAct!.Id;

        await ShouldBeRefusedWithStateUnchangedAsync(
            _h.Machine.ConfirmAsync(_h.Device.PreIdText, _h.Device.SessionId, pendingId, new byte[64]),
            ProblemCodes.ActKeyMismatch);
    }

    [Fact]
    public async Task A_random_signature_is_an_invalid_signature_and_changes_nothing()
    {
        await IssuedAsync();

        await ShouldBeRefusedWithStateUnchangedAsync(_h.ConfirmAsync(RandomNumberGenerator.GetBytes(64)), ProblemCodes.InvalidSignature);
    }

    [Fact]
    public async Task A_signature_with_a_bit_flipped_is_an_invalid_signature()
    {
        await IssuedAsync();
        var signature = _h.Device.SignConfirm();
        signature[10] ^= 0x04;

        await ShouldBeRefusedWithStateUnchangedAsync(_h.ConfirmAsync(signature), ProblemCodes.InvalidSignature);
    }

    [Fact]
    public async Task A_signature_by_another_ed25519_key_is_an_invalid_signature()
    {
        await IssuedAsync();
        using var other = Ed25519KeyPair.Generate();
        var transcript = ActivationCrypto.ConfirmTranscript(_h.Device.SessionId, _h.Device.PreId, _h.Device.ActId, _h.Device.ActPublicKey());

        await ShouldBeRefusedWithStateUnchangedAsync(_h.ConfirmAsync(other.Sign(transcript)), ProblemCodes.InvalidSignature);
    }

    [Fact]
    public async Task A_signature_over_another_sessions_transcript_is_an_invalid_signature()
    {
        await IssuedAsync();

        await ShouldBeRefusedWithStateUnchangedAsync(
            _h.ConfirmAsync(_h.Device.SignConfirm(sessionId: RandomNumberGenerator.GetBytes(16))), ProblemCodes.InvalidSignature);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    public async Task A_signature_of_the_wrong_length_is_an_invalid_signature(int length)
    {
        await IssuedAsync();
        var signature = new byte[length];
        _h.Device.SignConfirm().AsSpan(0, Math.Min(length, 64)).CopyTo(signature);

        await ShouldBeRefusedWithStateUnchangedAsync(_h.ConfirmAsync(signature), ProblemCodes.InvalidSignature);
    }

    [Fact]
    public async Task A_good_confirmation_still_succeeds_after_a_bad_signature()
    {
        await IssuedAsync();
        (await _h.ConfirmAsync(new byte[64])).ShouldFailWith(ProblemCodes.InvalidSignature);

        await _h.ConfirmOkAsync();

        _h.Store.LastPersisted!.Phase.Should().Be(DevicePhase.Active);
    }

    [Fact]
    public async Task A_new_confirmation_after_activation_is_an_unknown_session()
    {
        await IssuedAsync();
        await _h.ConfirmOkAsync();
        var writes = _h.Store.WriteCount;
        var otherSession = RandomNumberGenerator.GetBytes(16);

        var outcome = await _h.Machine.ConfirmAsync(_h.Device.PreIdText, otherSession, _h.Device.ActId.ToString(), _h.Device.SignConfirm(otherSession));

        outcome.ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Store.WriteCount.Should().Be(writes);
    }

    [Fact]
    public async Task A_resent_confirmation_with_a_different_signature_after_activation_is_an_unknown_session()
    {
        await IssuedAsync();
        await _h.ConfirmOkAsync();
        var signature = _h.Device.SignConfirm();
        signature[0] ^= 1;

        (await _h.ConfirmAsync(signature)).ShouldFailWith(ProblemCodes.UnknownSession);
    }

    [Fact]
    public async Task A_resent_identical_confirmation_after_activation_gets_the_same_answer_and_changes_nothing()
    {
        await IssuedAsync();
        await _h.ConfirmOkAsync();
        var (before, writes, calls) = (StateCopy.Json(_h.State), _h.Store.WriteCount, _h.Chain.Calls.Count);

        var outcome = await _h.ConfirmAsync();

        outcome.Failure.Should().BeNull();
        outcome.Value.Should().Be(_h.Device.ActId.ToString());
        StateCopy.Json(_h.State).Should().Be(before);
        _h.Store.WriteCount.Should().Be(writes);
        _h.Chain.Calls.Should().HaveCount(calls);
    }

    [Fact]
    public async Task A_resent_identical_confirmation_is_answered_after_a_restart_too()
    {
        await IssuedAsync();
        await _h.ConfirmOkAsync();
        _h.Restart();

        (await _h.ConfirmAsync()).Value.Should().Be(_h.Device.ActId.ToString());
    }

    [Fact]
    public async Task An_act_key_request_after_activation_is_an_unknown_session()
    {
        await IssuedAsync();
        await _h.ConfirmOkAsync();

        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Chain.CallsOf(ChainCall.Register).Should().ContainSingle();
    }

    [Fact]
    public async Task Confirmation_makes_no_chain_call()
    {
        await IssuedAsync();
        var calls = _h.Chain.Calls.Count;

        await _h.ConfirmOkAsync();

        _h.Chain.Calls.Should().HaveCount(calls);
    }

    [Fact]
    public async Task The_activated_event_carries_the_registration_transaction()
    {
        await IssuedAsync();
        var pending = StateCopy.Of(_h.State.PendingAct)!;

        await _h.ConfirmOkAsync();

        var activated = _h.Store.LastPersisted!.Timeline[^1];
        activated.Kind.Should().Be("activated");
        (activated.Transaction, activated.Block).Should().Be((pending.Transaction, pending.Block));
    }
}
