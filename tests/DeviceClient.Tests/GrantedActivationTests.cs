using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Activation;

namespace Kusabi.DeviceClient.Tests;

/// <summary>Protocol §9–10: the unconfirmed act key is offered for storage, and a stored grant resumes at step 5.</summary>
public sealed class GrantedActivationTests : IDisposable
{
    private readonly FakeKusabiServer _server = new();
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private DeviceBundle RegisteredDevice()
    {
        var device = DeviceManufacturer.Make(Api.Server);
        _server.RegisterDirectly(device.PreKey);
        return device.Bundle;
    }

    /// <summary>Activates while the answer to the first step 5 is "lost"; returns the granted bundle as it was stored.</summary>
    private async Task<DeviceBundle> GrantedWithLostConfirmationAsync(DeviceBundle bundle)
    {
        DeviceBundle? stored = null;
        var client = new ActivationClient(Api.Over(_server.Handler, RetryPolicy.None))
        {
            OnGranted = (granted, _) =>
            {
                var path = _folder.File("granted.json");
                DeviceBundleFile.Save(granted, path);
                stored = DeviceBundleFile.Load(path);
                return Task.CompletedTask;
            },
        };
        _server.Intercept = (path, call) => path == "/v1/activation/confirm" && call == 1
            ? FakeHandler.Problem(502, "http-502", "The proxy lost the answer.")
            : null;
        var act = () => client.ActivateAsync(bundle);
        await act.Should().ThrowAsync<KusabiApiException>();
        _server.Intercept = null;
        return stored!;
    }

    [Fact]
    public async Task The_granted_bundle_keeps_the_pre_key_beside_the_unconfirmed_act_key()
    {
        var bundle = RegisteredDevice();

        var granted = await GrantedWithLostConfirmationAsync(bundle);

        granted.IsActivated.Should().BeFalse();
        granted.PrePrivateKey.Should().Equal(bundle.PrePrivateKey);
        granted.Grant.Should().NotBeNull();
        granted.Grant!.SessionId.Should().HaveCount(ActivationCrypto.SessionIdSize);
        granted.ToString().Should().Contain("granted");
    }

    [Fact]
    public async Task A_stored_grant_resends_the_identical_confirmation_and_activates()
    {
        var granted = await GrantedWithLostConfirmationAsync(RegisteredDevice());
        var confirmsBefore = _server.Handler.Requests.Count(r => r.Request.RequestUri!.AbsolutePath == "/v1/activation/confirm");

        var result = await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(granted);

        result.Bundle.IsActivated.Should().BeTrue();
        result.Bundle.ActId.Should().Be(granted.Grant!.ActId);
        result.Bundle.ActPrivateKey.Should().Equal(granted.Grant.ActPrivateKey);
        result.Bundle.Grant.Should().BeNull();
        var confirms = _server.Handler.Requests.Where(r => r.Request.RequestUri!.AbsolutePath == "/v1/activation/confirm").Select(r => r.Body).ToList();
        confirms.Should().HaveCount(confirmsBefore + 1);
        confirms[^1].Should().Be(confirms[^2], "Ed25519 is deterministic, so the resent step 5 is byte-identical");
        _server.Handler.Requests.Count(r => r.Request.RequestUri!.AbsolutePath == "/v1/activation/sessions").Should().Be(1);
    }

    [Fact]
    public async Task A_stale_grant_is_discarded_and_activation_starts_again_at_step_one()
    {
        var granted = await GrantedWithLostConfirmationAsync(RegisteredDevice());
        _server.Intercept = (path, call) => path == "/v1/activation/confirm" && call == 2
            ? FakeHandler.Problem(404, ProblemCodes.UnknownSession, "Server restarted.")
            : null;

        var result = await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(granted);

        result.Bundle.IsActivated.Should().BeTrue();
        result.Bundle.ActId.Should().NotBe(granted.Grant!.ActId);
        _server.Handler.Requests.Count(r => r.Request.RequestUri!.AbsolutePath == "/v1/activation/sessions").Should().Be(2);
    }

    [Theory]
    [InlineData(ProblemCodes.ReplayedRequest, 409)]
    [InlineData(ProblemCodes.ActKeyMismatch, 409)]
    public async Task Protocol_recovery_codes_start_again_at_step_one(string code, int status)
    {
        var failingPath = code == ProblemCodes.ReplayedRequest ? "/v1/activation/act-key" : "/v1/activation/confirm";
        _server.Intercept = (path, call) => path == failingPath && call == 1 ? FakeHandler.Problem(status, code, "Again.") : null;

        var result = await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(RegisteredDevice());

        result.Rounds.Should().Be(2);
    }

    [Fact]
    public async Task A_step_four_grant_that_does_not_open_starts_again_at_step_one()
    {
        _server.Intercept = (path, call) => path == "/v1/activation/act-key" && call == 1
            ? FakeHandler.Json(System.Net.HttpStatusCode.OK, """{"sealed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")
            : null;

        var result = await new ActivationClient(Api.Over(_server.Handler)).ActivateAsync(RegisteredDevice());

        result.Rounds.Should().Be(2);
    }
}
