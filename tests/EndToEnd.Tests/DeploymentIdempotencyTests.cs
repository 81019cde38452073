using System.Net.Http.Json;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;

namespace Kusabi.EndToEnd.Tests;

/// <summary>A deployment start retried after a lost answer must not start a second deployment.</summary>
[Collection(SiloCollection.Name)]
public sealed class DeploymentIdempotencyTests(SiloFixture silo)
{
    [Fact]
    public async Task A_start_sent_again_with_the_same_idempotency_key_answers_with_the_deployment_already_started()
    {
        using var kit = await KitWithReleasesAsync(2);
        using var device = await ActiveDeviceAsync();

        var first = await StartAsync(kit, 2, device, "retry-key-" + Guid.NewGuid().ToString("N"));
        var again = await StartAsync(kit, 2, device, first.Key);

        first.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        again.Response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        var started = await first.Response.Content.ReadFromJsonAsync<DeploymentProgress>();
        var repeated = await again.Response.Content.ReadFromJsonAsync<DeploymentProgress>();
        repeated!.Id.Should().Be(started!.Id);
        repeated.StartedAt.Should().Be(started.StartedAt);
    }

    [Fact]
    public async Task Different_idempotency_keys_start_different_deployments()
    {
        using var kit = await KitWithReleasesAsync(2);
        using var device = await ActiveDeviceAsync();

        var one = await StartAsync(kit, 2, device, "key-one-" + Guid.NewGuid().ToString("N"));
        var two = await StartAsync(kit, 2, device, "key-two-" + Guid.NewGuid().ToString("N"));

        var first = await one.Response.Content.ReadFromJsonAsync<DeploymentProgress>();
        var second = await two.Response.Content.ReadFromJsonAsync<DeploymentProgress>();
        second!.Id.Should().NotBe(first!.Id);
    }

    [Fact]
    public async Task An_idempotency_key_used_for_another_release_is_refused_and_starts_nothing()
    {
        using var kit = await KitWithReleasesAsync(2, 3);
        using var device = await ActiveDeviceAsync();
        var key = "reused-" + Guid.NewGuid().ToString("N");
        var first = await StartAsync(kit, 2, device, key);
        var started = await first.Response.Content.ReadFromJsonAsync<DeploymentProgress>();

        var other = await StartAsync(kit, 3, device, key);

        await other.Response.ShouldBeProblemAsync(409, ProblemCodes.IdempotencyKeyReused);
        (await kit.ProgressAsync(started!.Id)).Version.Should().Be(2UL);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has a space in it")]
    public async Task A_malformed_idempotency_key_is_refused(string key)
    {
        using var kit = await KitWithReleasesAsync(2);
        using var device = await ActiveDeviceAsync();

        var start = await StartAsync(kit, 2, device, key);

        await start.Response.ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
    }

    private async Task<ReleaseKit> KitWithReleasesAsync(params ulong[] versions)
    {
        var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        foreach (var version in versions) await kit.ReleaseAsync(version);
        return kit;
    }

    private async Task<RawDevice> ActiveDeviceAsync()
    {
        var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        return device;
    }

    private static async Task<(HttpResponseMessage Response, string Key)> StartAsync(ReleaseKit kit, ulong version, RawDevice device, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/operator/deployments")
        {
            Content = JsonContent.Create(new { product = kit.Product, version, devices = new[] { device.Device.ToString() } }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return (await kit.SendAsOperatorAsync(request), key);
    }
}
