using System.Net.Http.Json;
using System.Text.Json;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Silo.Chain;
using Kusabi.Silo.Endpoints;
using Kusabi.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class FleetApiTests(SiloFixture silo)
{
    private ChainRuntime Chain => silo.Services.GetRequiredService<ChainRuntime>();

    [Fact]
    public async Task An_activated_device_can_be_found_by_its_act_id_and_its_detail_shows_its_keys_on_chain()
    {
        using var device = await ActiveDeviceAsync();

        FleetPage? page = null;
        await Eventually.TrueAsync(async () =>
        {
            page = await GetAsync<FleetPage>($"/v1/operator/devices?q={device.ActId.ToString()[..16]}", silo.ViewerToken);
            return page.Devices.Count == 1;
        }, TimeSpan.FromSeconds(10), "the fleet index to list the device");
        page!.Devices[0].DeviceRef.Should().Be(device.Device.ToString());

        using var detail = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, $"/v1/operator/devices/{device.Device}", silo.ViewerToken)).Content.ReadAsStringAsync());
        var keys = detail.RootElement.GetProperty("keys").EnumerateArray().ToDictionary(k => k.GetProperty("role").GetString()!, k => k.GetProperty("status").GetString());
        keys["pre"].Should().Be("Consumed");
        keys["act"].Should().Be("Active");
        var timeline = detail.RootElement.GetProperty("device").GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        timeline.Should().Contain(["activation-started", "act-key-registered", "activated"]);
    }

    [Fact]
    public async Task Revoking_a_device_revokes_its_act_key_on_chain_and_its_requests_are_refused()
    {
        using var device = await ActiveDeviceAsync();

        (await SendAsync(HttpMethod.Post, $"/v1/operator/devices/{device.Device}/revoke", silo.OperatorToken, new { reason = "stolen" })).EnsureSuccessStatusCode();

        (await Chain.Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Revoked);
        await (await device.SendAsync(device.Signed(HttpMethod.Get, "/v1/device/update"))).ShouldBeProblemAsync(403, ProblemCodes.KeyRevoked);
    }

    [Fact]
    public async Task Revoking_a_lot_revokes_every_active_key_of_its_devices_in_one_transaction()
    {
        var lot = $"lot-{Guid.NewGuid():N}"[..12];
        var devices = Enumerable.Range(0, 5).Select(_ => new RawDevice(silo.Http)).ToList();
        (await SendAsync(HttpMethod.Post, "/v1/factory/pre-keys", silo.FactoryToken, new { keys = devices.Select(d => d.FactoryKey()).ToArray(), lot })).EnsureSuccessStatusCode();
        await devices[0].ActivateAsync();

        var response = await SendAsync(HttpMethod.Post, $"/v1/operator/lots/{lot}/revoke", silo.OperatorToken);
        var revocation = await response.Content.ReadFromJsonAsync<LotRevocation>();

        revocation!.Keys.Should().Be(5, "four unused pre keys and one act key");
        (await Chain.Reader.GetKeyAsync(devices[0].ActId)).Status.Should().Be(KeyStatus.Revoked);
        foreach (var unused in devices.Skip(1)) (await Chain.Reader.GetKeyAsync(unused.PreId)).Status.Should().Be(KeyStatus.Revoked);
        await (await devices[1].BeginRawAsync()).ShouldBeProblemAsync(403, ProblemCodes.KeyRevoked);
        devices.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task Quarantine_can_be_set_and_lifted_by_an_operator_but_not_by_a_viewer()
    {
        using var device = await ActiveDeviceAsync();
        await (await SendAsync(HttpMethod.Post, $"/v1/operator/devices/{device.Device}/quarantine", silo.ViewerToken, new { quarantined = true }))
            .ShouldBeProblemAsync(403, ProblemCodes.Forbidden);

        (await SendAsync(HttpMethod.Post, $"/v1/operator/devices/{device.Device}/quarantine", silo.OperatorToken, new { quarantined = true, reason = "inspection" })).EnsureSuccessStatusCode();
        (await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IDeviceGrain>(device.Device.ToString()).GetView()).Quarantined.Should().BeTrue();
    }

    [Theory]
    [InlineData("/v1/operator/devices?phase=sleeping")]
    [InlineData("/v1/operator/devices?pageSize=0")]
    [InlineData("/v1/operator/devices?q=not-hex")]
    [InlineData("/v1/operator/devices?version=0")]
    [InlineData("/v1/operator/devices?product=")]
    [InlineData("/v1/operator/devices/xyz")]
    public async Task Malformed_fleet_queries_are_refused(string path)
    {
        await (await SendAsync(HttpMethod.Get, path, silo.ViewerToken)).ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
    }

    [Fact]
    public async Task The_listing_filters_by_lot_and_an_unknown_lot_is_reported_as_such()
    {
        var lot = $"lot-{Guid.NewGuid():N}"[..12];
        using var member = new RawDevice(silo.Http);
        (await SendAsync(HttpMethod.Post, "/v1/factory/pre-keys", silo.FactoryToken, new { keys = new[] { member.FactoryKey() }, lot })).EnsureSuccessStatusCode();
        await member.ActivateAsync();
        using var outsider = await ActiveDeviceAsync();

        FleetPage? page = null;
        await Eventually.TrueAsync(async () => (page = await GetAsync<FleetPage>($"/v1/operator/devices?lot={lot}", silo.ViewerToken)).Devices.Count == 1,
            TimeSpan.FromSeconds(10), "the fleet index to list the lot's device");

        page!.Devices.Single().DeviceRef.Should().Be(member.Device.ToString());
        await (await SendAsync(HttpMethod.Get, "/v1/operator/devices?lot=no-such-lot", silo.ViewerToken)).ShouldBeProblemAsync(404, ProblemCodes.UnknownDevice);
    }

    [Fact]
    public async Task A_lot_revocation_reason_is_kept_in_each_devices_timeline()
    {
        var lot = $"lot-{Guid.NewGuid():N}"[..12];
        using var device = new RawDevice(silo.Http);
        (await SendAsync(HttpMethod.Post, "/v1/factory/pre-keys", silo.FactoryToken, new { keys = new[] { device.FactoryKey() }, lot })).EnsureSuccessStatusCode();
        await device.ActivateAsync();

        (await SendAsync(HttpMethod.Post, $"/v1/operator/lots/{lot}/revoke", silo.OperatorToken, new { reason = "capacitor recall" })).EnsureSuccessStatusCode();

        var view = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IDeviceGrain>(device.Device.ToString()).GetView();
        view.Timeline.Last().Detail.Should().Be($"Lot {lot} revoked: capacitor recall");
    }

    [Fact]
    public async Task An_unknown_device_is_reported_as_such()
    {
        await (await SendAsync(HttpMethod.Get, $"/v1/operator/devices/{new string('a', 64)}", silo.ViewerToken)).ShouldBeProblemAsync(404, ProblemCodes.UnknownDevice);
    }

    private async Task<RawDevice> ActiveDeviceAsync()
    {
        var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        return device;
    }

    private async Task<T> GetAsync<T>(string path, string token) => (await (await SendAsync(HttpMethod.Get, path, token)).Content.ReadFromJsonAsync<T>())!;

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return silo.Http.SendAsync(request);
    }
}
