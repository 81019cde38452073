using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;

namespace Kusabi.Grains.Tests;

/// <summary>The step-2 grant and the session it opens: who can use it, and for how long.</summary>
public sealed class SessionTests : IDisposable
{
    private readonly ActivationHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_session_grant_opens_with_the_pre_private_key_into_a_session_id_and_key()
    {
        var offer = (await _h.BeginAsync()).Value!;

        var grant = TestDevice.OpenOffer(offer, _h.Device.PreKey, _h.Device.PreId);

        grant.Should().HaveCount(ActivationCrypto.SessionIdSize + SessionCipher.KeySize);
    }

    [Fact]
    public async Task The_session_grant_does_not_open_with_another_x25519_key()
    {
        var offer = (await _h.BeginAsync()).Value!;
        using var other = X25519KeyPair.Generate();

        var open = () => TestDevice.OpenOffer(offer, other, _h.Device.PreId);

        open.Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public async Task The_session_grant_is_bound_to_the_pre_id()
    {
        var offer = (await _h.BeginAsync()).Value!;

        var open = () => TestDevice.OpenOffer(offer, _h.Device.PreKey, KusabiId.Parse(ActivationHarness.OtherId(KeyPurpose.Pre)));

        open.Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public async Task Each_begin_hands_out_a_fresh_session_id_and_key()
    {
        await _h.BeginOkAsync();
        var (firstId, firstKey) = (_h.Device.SessionId, _h.Device.SessionKey);
        await _h.BeginOkAsync();

        _h.Device.SessionId.Should().NotEqual(firstId);
        _h.Device.SessionKey.Should().NotEqual(firstKey);
    }

    [Fact]
    public async Task An_act_key_request_without_any_session_is_an_unknown_session()
    {
        var outcome = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, new byte[16], new byte[40]);

        outcome.ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Chain.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task An_act_key_request_naming_another_pre_id_is_an_unknown_session()
    {
        await _h.BeginOkAsync();

        var outcome = await _h.Machine.IssueActKeyAsync(ActivationHarness.OtherId(KeyPurpose.Pre), _h.Device.SessionId, _h.Device.SealRequest());

        outcome.ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Chain.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task An_act_key_request_naming_another_session_id_is_an_unknown_session()
    {
        await _h.BeginOkAsync();
        var wrongId = _h.Device.SessionId.ToArray();
        wrongId[0] ^= 1;

        var outcome = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, wrongId, _h.Device.SealRequest(sessionId: wrongId));

        outcome.ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Chain.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_session_id_of_the_wrong_length_is_an_unknown_session()
    {
        await _h.BeginOkAsync();

        var outcome = await _h.Machine.IssueActKeyAsync(_h.Device.PreIdText, _h.Device.SessionId[..8], _h.Device.SealRequest());

        outcome.ShouldFailWith(ProblemCodes.UnknownSession);
    }

    [Fact]
    public async Task A_confirmation_without_any_session_is_an_unknown_session()
    {
        var outcome = await _h.Machine.ConfirmAsync(_h.Device.PreIdText, new byte[16], ActivationHarness.OtherId(), new byte[64]);

        outcome.ShouldFailWith(ProblemCodes.UnknownSession);
    }

    [Fact]
    public async Task A_confirmation_naming_another_pre_id_or_session_id_is_an_unknown_session()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        var wrongId = _h.Device.SessionId.ToArray();
        wrongId[^1] ^= 0x80;
        var signature = _h.Device.SignConfirm();
        var actId = _h.Device.ActId.ToString();

        (await _h.Machine.ConfirmAsync(ActivationHarness.OtherId(KeyPurpose.Pre), _h.Device.SessionId, actId, signature))
            .ShouldFailWith(ProblemCodes.UnknownSession);
        (await _h.Machine.ConfirmAsync(_h.Device.PreIdText, wrongId, actId, signature))
            .ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Store.LastPersisted!.Phase.Should().Be(DevicePhase.Activating);
    }

    [Fact]
    public async Task An_act_key_request_just_before_expiry_is_accepted()
    {
        await _h.BeginOkAsync();
        _h.Clock.Advance(_h.Settings.SessionLifetime - TimeSpan.FromTicks(1));

        (await _h.IssueAsync()).Failure.Should().BeNull();
    }

    [Fact]
    public async Task An_act_key_request_at_the_expiry_instant_is_a_session_expired()
    {
        await _h.BeginOkAsync();
        _h.Clock.Advance(_h.Settings.SessionLifetime);

        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.SessionExpired);
    }

    [Fact]
    public async Task An_expired_session_is_refused_without_chain_calls_or_writes_and_is_then_gone()
    {
        await _h.BeginOkAsync();
        _h.Clock.Advance(_h.Settings.SessionLifetime + TimeSpan.FromSeconds(1));

        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.SessionExpired);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Chain.Calls.Should().BeEmpty();
        _h.Store.WriteCount.Should().Be(1);
    }

    [Fact]
    public async Task A_confirmation_after_expiry_is_a_session_expired_and_leaves_the_device_activating()
    {
        await _h.BeginOkAsync();
        await _h.IssueOkAsync();
        _h.Clock.Advance(_h.Settings.SessionLifetime + TimeSpan.FromSeconds(1));

        (await _h.ConfirmAsync()).ShouldFailWith(ProblemCodes.SessionExpired);
        (await _h.ConfirmAsync()).ShouldFailWith(ProblemCodes.UnknownSession);
        _h.Store.LastPersisted!.Phase.Should().Be(DevicePhase.Activating);
        _h.Store.LastPersisted.Act.Should().BeNull();
    }

    [Fact]
    public async Task A_shorter_configured_lifetime_is_honoured()
    {
        _h.Settings.SessionLifetime = TimeSpan.FromSeconds(10);
        var offer = await _h.BeginOkAsync();
        _h.Clock.Advance(TimeSpan.FromSeconds(10));

        offer.ExpiresAt.Should().Be(ActivationHarness.Start + TimeSpan.FromSeconds(10));
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.SessionExpired);
    }

    [Fact]
    public async Task After_expiry_a_new_begin_opens_a_working_session()
    {
        await _h.BeginOkAsync();
        _h.Clock.Advance(_h.Settings.SessionLifetime * 2);
        (await _h.IssueAsync()).ShouldFailWith(ProblemCodes.SessionExpired);

        await _h.ActivateAsync();

        _h.Store.LastPersisted!.Phase.Should().Be(DevicePhase.Active);
    }
}
