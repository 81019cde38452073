using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;

namespace Kusabi.DeviceClient.Tests;

public sealed class ActivationClientTests
{
    private readonly FakeKusabiServer _server = new();

    private DeviceBundle RegisteredDevice()
    {
        var device = DeviceManufacturer.Make(Api.Server);
        _server.RegisterDirectly(device.PreKey);
        return device.Bundle;
    }

    [Fact]
    public async Task Activates_against_an_independent_server_implementation()
    {
        var bundle = RegisteredDevice();

        var result = await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(bundle);

        result.Rounds.Should().Be(1);
        result.Bundle.IsActivated.Should().BeTrue();
        result.Bundle.PreId.Should().BeNull();
        result.Bundle.PrePrivateKey.Should().BeNull();
        result.Bundle.DeviceRef.Should().Be(bundle.DeviceRef);
        result.Bundle.FindProblem().Should().BeNull();
        using var actKey = Ed25519KeyPair.Import(result.Bundle.ActPrivateKey);
        _server.Activated.Should().ContainKey(result.Bundle.ActId!.Value.ToString()).WhoseValue.Should().Equal(actKey.PublicKey.ToArray());
        result.Timings.Total.Should().BeGreaterThanOrEqualTo(result.Timings.Begin + result.Timings.ActKey + result.Timings.Confirm);
        bundle.IsActivated.Should().BeFalse("the input bundle, with its pre key, is left untouched");
    }

    [Fact]
    public async Task Requests_carry_exactly_the_documented_fields()
    {
        await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(RegisteredDevice());

        var bodies = _server.Handler.Requests.Select(r => r.Body).ToList();
        bodies[0].Should().MatchRegex("""^\{"preId":"[0-9a-f]{64}"\}$""");
        bodies[1].Should().MatchRegex("""^\{"preId":"[0-9a-f]{64}","sessionId":"[A-Za-z0-9_-]{22}","sealed":"[A-Za-z0-9_-]+"\}$""");
        bodies[2].Should().MatchRegex("""^\{"preId":"[0-9a-f]{64}","sessionId":"[A-Za-z0-9_-]{22}","actId":"[0-9a-f]{64}","signature":"[A-Za-z0-9_-]{86}"\}$""");
        _server.Handler.Requests.Should().OnlyContain(r => r.Request.Content!.Headers.ContentType!.MediaType == "application/json");
    }

    [Theory]
    [InlineData("/v1/activation/act-key", 410, ProblemCodes.SessionExpired)]
    [InlineData("/v1/activation/confirm", 404, ProblemCodes.UnknownSession)]
    public async Task A_lost_session_restarts_at_step_one(string failingPath, int status, string code)
    {
        _server.Intercept = (path, call) => path == failingPath && call == 1 ? FakeHandler.Problem(status, code, "Start again at step 1.") : null;

        var result = await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(RegisteredDevice());

        result.Rounds.Should().Be(2);
        _server.Handler.Requests.Count(r => r.Request.RequestUri!.AbsolutePath == "/v1/activation/sessions").Should().Be(2);
    }

    [Fact]
    public async Task Restarts_are_bounded()
    {
        _server.Intercept = (path, _) => path == "/v1/activation/act-key" ? FakeHandler.Problem(404, ProblemCodes.UnknownSession, "Gone.") : null;

        var act = () => new ActivationClient(Api.Over(_server.Handler), maxRounds: 3).ActivateAsync(RegisteredDevice());

        (await act.Should().ThrowAsync<KusabiApiException>()).Which.Code.Should().Be(ProblemCodes.UnknownSession);
        _server.Handler.Requests.Count(r => r.Request.RequestUri!.AbsolutePath == "/v1/activation/sessions").Should().Be(3);
    }

    [Fact]
    public async Task Other_refusals_are_not_retried()
    {
        _server.Intercept = (path, _) => path == "/v1/activation/sessions" ? FakeHandler.Problem(409, ProblemCodes.PreKeyConsumed, "Used.") : null;

        var act = () => new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(RegisteredDevice());

        (await act.Should().ThrowAsync<KusabiApiException>()).Which.Code.Should().Be(ProblemCodes.PreKeyConsumed);
        _server.Handler.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_503_on_act_key_is_retried_with_a_fresh_nonce()
    {
        _server.Intercept = (path, call) => path == "/v1/activation/act-key" && call == 1 ? FakeHandler.Problem(503, ProblemCodes.ChainUnavailable, "Retry.") : null;

        var result = await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(RegisteredDevice());

        result.Rounds.Should().Be(1);
        var actKeyBodies = _server.Handler.Requests.Where(r => r.Request.RequestUri!.AbsolutePath == "/v1/activation/act-key").Select(r => r.Body).ToList();
        actKeyBodies.Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_grant_sealed_to_another_key_is_a_protocol_error_without_secrets()
    {
        var bundle = RegisteredDevice();
        _server.Intercept = (path, _) => path == "/v1/activation/sessions"
            ? FakeHandler.Json(System.Net.HttpStatusCode.Created, SealedToStranger())
            : null;

        var act = () => new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(bundle);

        var error = (await act.Should().ThrowAsync<KusabiProtocolException>()).Which;
        error.Message.Should().NotContain(Base64Url.Encode(bundle.PrePrivateKey!));
    }

    [Fact]
    public async Task An_activated_bundle_is_refused()
    {
        var activated = (await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(RegisteredDevice())).Bundle;

        var act = () => new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(activated);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*already activated*");
    }

    private static string SealedToStranger()
    {
        using var stranger = X25519KeyPair.Generate();
        var message = Hpke.SealBase(ActivationCrypto.Aead, stranger.PublicKey, "x"u8, [], new byte[48]);
        return $$"""{"enc":"{{Base64Url.Encode(message.EncapsulatedKey)}}","sealed":"{{Base64Url.Encode(message.Ciphertext)}}","expiresAt":"2030-01-01T00:00:00Z"}""";
    }
}
