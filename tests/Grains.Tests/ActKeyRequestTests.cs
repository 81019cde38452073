using System.Security.Cryptography;
using Kusabi.Grains.Activation;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;

namespace Kusabi.Grains.Tests;

/// <summary>Steps 3–4: the sealed request, its nonce, and the act key it buys.</summary>
public sealed class ActKeyRequestTests : IDisposable
{
    private readonly ActivationHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<int> BegunAsync()
    {
        await _h.BeginOkAsync();
        return _h.Store.WriteCount;
    }

    private async Task ShouldBeInvalidSealAsync(byte[] sealedRequest, int writesBefore)
    {
        var outcome = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, _h.Device.SessionId, sealedRequest);

        outcome.ShouldFailWith(ProblemCodes.InvalidSeal);
        _h.Chain.Calls.Should().BeEmpty();
        _h.Store.WriteCount.Should().Be(writesBefore);
        _h.State.PendingAct.Should().BeNull();
    }

    [Fact]
    public async Task A_tampered_request_is_an_invalid_seal_with_no_chain_call_and_no_write()
    {
        var writes = await BegunAsync();
        var request = _h.Device.SealRequest();
        request[SessionCipher.NonceSize + 3] ^= 0x01;

        await ShouldBeInvalidSealAsync(request, writes);
    }

    [Fact]
    public async Task A_request_with_a_tampered_tag_is_an_invalid_seal()
    {
        var writes = await BegunAsync();
        var request = _h.Device.SealRequest();
        request[^1] ^= 0x80;

        await ShouldBeInvalidSealAsync(request, writes);
    }

    [Fact]
    public async Task A_request_sealed_under_another_key_is_an_invalid_seal_with_no_chain_call_and_no_write()
    {
        var writes = await BegunAsync();

        await ShouldBeInvalidSealAsync(_h.Device.SealRequest(key: RandomNumberGenerator.GetBytes(SessionCipher.KeySize)), writes);
    }

    [Fact]
    public async Task A_request_bound_to_another_session_id_is_an_invalid_seal()
    {
        var writes = await BegunAsync();

        await ShouldBeInvalidSealAsync(_h.Device.SealRequest(sessionId: RandomNumberGenerator.GetBytes(16)), writes);
    }

    [Fact]
    public async Task A_request_shorter_than_nonce_and_tag_is_an_invalid_seal()
    {
        var writes = await BegunAsync();

        await ShouldBeInvalidSealAsync(new byte[SessionCipher.Overhead - 1], writes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(32)]
    public async Task A_request_nonce_that_is_not_16_bytes_is_an_invalid_seal(int length)
    {
        var writes = await BegunAsync();

        await ShouldBeInvalidSealAsync(_h.Device.SealRequest(nonce: new byte[length]), writes);
    }

    [Fact]
    public async Task A_valid_request_still_works_after_an_invalid_one()
    {
        await BegunAsync();
        (await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, _h.Device.SessionId, new byte[60])).ShouldFailWith(ProblemCodes.InvalidSeal);

        await _h.IssueOkAsync();
        await _h.ConfirmOkAsync();
    }

    [Fact]
    public async Task A_replayed_request_is_refused_with_no_chain_call_and_no_write()
    {
        await BegunAsync();
        var request = _h.Device.SealRequest();
        (await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, _h.Device.SessionId, request)).Failure.Should().BeNull();
        var (calls, writes) = (_h.Chain.Calls.Count, _h.Store.WriteCount);

        var replay = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, _h.Device.SessionId, request);

        replay.ShouldFailWith(ProblemCodes.ReplayedRequest);
        _h.Chain.Calls.Should().HaveCount(calls);
        _h.Store.WriteCount.Should().Be(writes);
    }

    [Fact]
    public async Task The_same_nonce_sealed_afresh_is_still_a_replayed_request()
    {
        await BegunAsync();
        var nonce = RandomNumberGenerator.GetBytes(ActivationCrypto.RequestNonceSize);
        (await _h.IssueAsync(nonce)).Failure.Should().BeNull();
        var calls = _h.Chain.Calls.Count;

        (await _h.IssueAsync(nonce)).ShouldFailWith(ProblemCodes.ReplayedRequest);
        _h.Chain.Calls.Should().HaveCount(calls);
    }

    [Fact]
    public async Task A_replay_does_not_disturb_the_key_already_issued()
    {
        await BegunAsync();
        var nonce = RandomNumberGenerator.GetBytes(ActivationCrypto.RequestNonceSize);
        var first = await _h.IssueAsync(nonce);
        _h.Device.AcceptGrant(first.Value!);
        (await _h.IssueAsync(nonce)).ShouldFailWith(ProblemCodes.ReplayedRequest);

        await _h.ConfirmOkAsync();
        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().Equal(_h.Device.ActId.ToString());
    }

    [Fact]
    public async Task A_second_fresh_request_revokes_the_first_act_key_and_issues_another()
    {
        await BegunAsync();
        await _h.IssueOkAsync();
        var first = _h.Device.ActId.ToString();

        await _h.IssueOkAsync();

        _h.Device.ActId.ToString().Should().NotBe(first);
        _h.Chain.CallsOf(ChainCall.Revoke).Should().ContainSingle().Which.Id.Should().Be(first);
        _h.Chain.ActKeys[first].Status.Should().Be(ActKeyStatus.Revoked);
        _h.Chain.Calls.Select(c => c.Kind).Should().Equal(
            [ChainCall.Register, ChainCall.Consume, ChainCall.Revoke, ChainCall.Register], "the old key is revoked before the new one is registered, and the pre key consumed once");
        _h.State.Timeline.Select(e => e.Kind).Should().Contain("act-key-revoked");
        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().Equal(_h.Device.ActId.ToString());
    }

    [Fact]
    public async Task A_chain_failure_answers_chain_unavailable_and_keeps_the_unregistered_pending_key()
    {
        await BegunAsync();
        _h.Chain.FailNext(ChainCall.Register);

        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);

        _h.Store.LastPersisted!.PendingAct.Should().NotBeNull();
        _h.Store.LastPersisted.PendingAct!.Registered.Should().BeFalse();
    }

    [Theory]
    [InlineData(ChainCall.Register)]
    [InlineData(ChainCall.Consume)]
    public async Task A_fresh_request_in_the_same_session_after_a_chain_failure_activates(ChainCall failing)
    {
        await BegunAsync();
        _h.Chain.FailNext(failing);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);

        await _h.IssueOkAsync();
        await _h.ConfirmOkAsync();

        _h.Chain.ActiveActKeys(_h.DeviceRef).Should().Equal(_h.Device.ActId.ToString());
        _h.Chain.IsConsumed(_h.Device.PreIdText).Should().BeTrue();
    }

    [Fact]
    public async Task A_revocation_failure_answers_chain_unavailable_and_keeps_the_old_pending_key()
    {
        await BegunAsync();
        await _h.IssueOkAsync();
        var first = _h.Device.ActId.ToString();
        _h.Chain.FailNext(ChainCall.Revoke);

        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.ChainUnavailable);

        _h.Store.LastPersisted!.PendingAct!.Id.Should().Be(first);
        _h.Chain.CallsOf(ChainCall.Register).Should().ContainSingle();
    }

    [Fact]
    public async Task A_consumption_reported_already_done_still_marks_the_pre_key_consumed()
    {
        await BegunAsync();
        _h.Chain.AnswerNext(ChainCall.Consume, ChainWriteResult.AlreadyDone);

        await _h.IssueOkAsync();

        _h.Store.LastPersisted!.PreConsumed.Should().BeTrue();
    }
}
