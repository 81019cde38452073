using Kusabi.Chain.Model;
using Kusabi.Protocol.Activation;
using Kusabi.Silo.Chain;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

/// <summary>Device requests are accepted only when signed now, once, by the device's current act key.</summary>
[Collection(SiloCollection.Name)]
public sealed class DeviceRequestAuthTests(SiloFixture silo)
{
    [Fact]
    public async Task An_unsigned_request_is_refused()
    {
        await (await silo.Http.GetAsync("/v1/device/update")).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
    }

    [Fact]
    public async Task A_replayed_signed_request_is_refused()
    {
        using var device = await ActiveDeviceAsync();
        var first = device.Signed(HttpMethod.Get, "/v1/device/update");
        var replay = new HttpRequestMessage(HttpMethod.Get, "/v1/device/update");
        replay.Headers.TryAddWithoutValidation("Authorization", first.Headers.GetValues("Authorization"));
        (await device.SendAsync(first)).EnsureSuccessStatusCode();

        await (await device.SendAsync(replay)).ShouldBeProblemAsync(409, ProblemCodes.ReplayedRequest);
    }

    [Fact]
    public async Task A_request_signed_long_ago_is_refused_as_stale()
    {
        using var device = await ActiveDeviceAsync();
        var old = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
        await (await device.SendAsync(device.Signed(HttpMethod.Get, "/v1/device/update", timestampMs: old))).ShouldBeProblemAsync(401, ProblemCodes.StaleRequest);
    }

    [Fact]
    public async Task A_request_whose_signature_covers_another_path_is_refused()
    {
        using var device = await ActiveDeviceAsync();
        var signed = device.Signed(HttpMethod.Post, "/v1/device/inventory/nonce");
        var redirected = new HttpRequestMessage(HttpMethod.Get, "/v1/device/update");
        redirected.Headers.TryAddWithoutValidation("Authorization", signed.Headers.GetValues("Authorization"));

        await (await device.SendAsync(redirected)).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
    }

    [Fact]
    public async Task A_request_signed_with_a_revoked_act_key_is_refused_at_once()
    {
        using var device = await ActiveDeviceAsync();
        await silo.Services.GetRequiredService<ChainRuntime>().Gateway.RevokeAsync(device.ActId, RevocationReason.Compromised);

        await (await device.SendAsync(device.Signed(HttpMethod.Get, "/v1/device/update"))).ShouldBeProblemAsync(403, ProblemCodes.KeyRevoked);
    }

    private async Task<RawDevice> ActiveDeviceAsync()
    {
        var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        return device;
    }
}
