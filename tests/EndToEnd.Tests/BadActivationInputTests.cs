using System.Net.Http.Json;
using System.Text;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Encoding;
using Kusabi.Silo.Chain;
using Kusabi.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

/// <summary>Every kind of bad device input gets a precise problem and changes nothing.</summary>
[Collection(SiloCollection.Name)]
public sealed class BadActivationInputTests(SiloFixture silo)
{
    private ChainRuntime Chain => silo.Services.GetRequiredService<ChainRuntime>();
    private IGrainFactory Grains => silo.Services.GetRequiredService<IGrainFactory>();

    [Theory]
    [InlineData("{not json", 400, ProblemCodes.MalformedRequest)]
    [InlineData("{}", 400, ProblemCodes.MalformedRequest)]
    [InlineData("{\"preId\":\"xyz\"}", 400, ProblemCodes.MalformedRequest)]
    [InlineData("{\"preId\":\"00\",\"extra\":1}", 400, ProblemCodes.MalformedRequest)]
    [InlineData("null", 400, ProblemCodes.MalformedRequest)]
    public async Task Malformed_session_requests_are_refused(string body, int status, string code)
    {
        var response = await silo.Http.PostAsync("/v1/activation/sessions", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(status, code);
    }

    [Fact]
    public async Task A_body_that_is_not_json_typed_is_refused()
    {
        var response = await silo.Http.PostAsync("/v1/activation/sessions", new StringContent("{}", Encoding.UTF8, "text/plain"));
        await response.ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_unread()
    {
        var response = await silo.Http.PostAsync("/v1/activation/sessions",
            new StringContent("{\"preId\":\"" + new string('a', 5000) + "\"}", Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(413, ProblemCodes.RequestTooLarge);
    }

    [Fact]
    public async Task An_unknown_pre_id_is_refused()
    {
        using var device = new RawDevice(silo.Http);
        await (await device.BeginRawAsync()).ShouldBeProblemAsync(404, ProblemCodes.UnknownKey);
    }

    [Fact]
    public async Task An_art_key_presented_as_a_pre_key_is_refused()
    {
        var art = TestKeys.Art();
        await Chain.Gateway.RegisterAsync(art);
        using var device = new RawDevice(silo.Http);
        await (await device.BeginRawAsync(art.Id.ToString())).ShouldBeProblemAsync(422, ProblemCodes.WrongKeyPurpose);
    }

    [Fact]
    public async Task An_act_key_presented_as_a_pre_key_is_refused()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        await (await device.BeginRawAsync(device.ActId.ToString())).ShouldBeProblemAsync(422, ProblemCodes.WrongKeyPurpose);
    }

    [Fact]
    public async Task A_revoked_pre_key_is_refused_and_the_device_stays_untouched()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await Chain.Gateway.RevokeAsync(device.PreId, RevocationReason.Compromised);

        await (await device.BeginRawAsync()).ShouldBeProblemAsync(403, ProblemCodes.KeyRevoked);
        (await ViewOf(device)).Phase.Should().Be(DevicePhase.Factory);
    }

    [Fact]
    public async Task A_consumed_pre_key_presented_after_activation_is_refused_and_recorded_as_a_possible_clone()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();

        await (await device.BeginRawAsync()).ShouldBeProblemAsync(409, ProblemCodes.PreKeyConsumed);

        var view = await ViewOf(device);
        view.Phase.Should().Be(DevicePhase.Active);
        view.CloneAlerts.Should().Be(1);
        (await Chain.Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Active);
    }

    [Fact]
    public async Task A_tampered_act_key_request_is_refused_without_touching_the_chain()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        var request = device.ActKeyRequest();
        var tampered = Base64Url.Decode(request.Sealed);
        tampered[^1] ^= 1;

        await (await device.ActKeyRawAsync(request with { Sealed = Base64Url.Encode(tampered) })).ShouldBeProblemAsync(400, ProblemCodes.InvalidSeal);

        var view = await ViewOf(device);
        view.PendingActId.Should().BeNull();
        (await Chain.Reader.GetKeyAsync(device.PreId)).Status.Should().Be(KeyStatus.Active);
    }

    [Fact]
    public async Task A_replayed_act_key_request_is_refused_and_issues_nothing()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        var request = device.ActKeyRequest();
        (await device.ActKeyRawAsync(request)).EnsureSuccessStatusCode();
        var issued = (await ViewOf(device)).PendingActId;

        await (await device.ActKeyRawAsync(request)).ShouldBeProblemAsync(409, ProblemCodes.ReplayedRequest);

        (await ViewOf(device)).PendingActId.Should().Be(issued);
    }

    [Fact]
    public async Task An_act_key_request_for_an_unknown_session_is_refused()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        var request = device.ActKeyRequest();

        await (await device.ActKeyRawAsync(request with { SessionId = Base64Url.Encode(new byte[16]) })).ShouldBeProblemAsync(404, ProblemCodes.UnknownSession);
    }

    [Fact]
    public async Task An_expired_session_is_refused_and_a_new_one_succeeds()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        silo.Time.Advance(TimeSpan.FromMinutes(6));

        await (await device.ActKeyRawAsync(device.ActKeyRequest())).ShouldBeProblemAsync(410, ProblemCodes.SessionExpired);

        await device.ActivateAsync();
    }

    [Fact]
    public async Task A_confirmation_with_a_bad_signature_is_refused_and_the_device_stays_activating()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        await device.RequestActKeyAsync();
        var request = device.ConfirmRequest();
        var signature = Base64Url.Decode(request.Signature);
        signature[0] ^= 1;

        await (await device.ConfirmRawAsync(request with { Signature = Base64Url.Encode(signature) })).ShouldBeProblemAsync(400, ProblemCodes.InvalidSignature);

        (await ViewOf(device)).Phase.Should().Be(DevicePhase.Activating);
        await device.ConfirmAsync();
    }

    [Fact]
    public async Task A_confirmation_naming_another_act_key_is_refused()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        await device.RequestActKeyAsync();

        await (await device.ConfirmRawAsync(device.ConfirmRequest() with { ActId = TestKeys.Art().Id.ToString() }))
            .ShouldBeProblemAsync(409, ProblemCodes.ActKeyMismatch);
    }

    [Fact]
    public async Task A_resent_confirmation_after_activation_gets_the_same_answer_and_changes_nothing()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        await device.RequestActKeyAsync();
        var confirmation = device.ConfirmRequest();
        (await device.ConfirmRawAsync(confirmation)).EnsureSuccessStatusCode();
        var before = await ViewOf(device);

        (await device.ConfirmRawAsync(confirmation)).EnsureSuccessStatusCode();

        (await ViewOf(device)).Timeline.Should().HaveCount(before.Timeline.Count);
    }

    [Fact]
    public async Task A_confirmation_for_another_session_after_activation_is_refused()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        var confirmation = device.ConfirmRequest();

        await (await device.ConfirmRawAsync(confirmation with { SessionId = Base64Url.Encode(new byte[16]) }))
            .ShouldBeProblemAsync(404, ProblemCodes.UnknownSession);
    }

    private Task<DeviceView> ViewOf(RawDevice device) => Grains.GetGrain<IDeviceGrain>(device.Device.ToString()).GetView();
}
