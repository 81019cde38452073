using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class ActivationTests(SiloFixture silo)
{
    private RegistryReader Reader => silo.Services.GetRequiredService<Silo.Chain.ChainRuntime>().Reader;

    [Fact]
    public async Task A_registered_device_activates_and_the_chain_shows_its_act_key_active_and_pre_key_consumed()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);

        await device.ActivateAsync();

        var pre = await Reader.GetKeyAsync(device.PreId);
        pre.Status.Should().Be(KeyStatus.Consumed);
        var act = await Reader.GetKeyAsync(device.ActId);
        act.Status.Should().Be(KeyStatus.Active);
        act.Purpose.Should().Be(KeyPurpose.Act);
        act.Device.Should().Be(device.Device);
        act.PublicKey.Should().Equal(device.ActKey!.PublicKey.ToArray());
        var view = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IDeviceGrain>(device.Device.ToString()).GetView();
        view.Phase.Should().Be(DevicePhase.Active);
        view.ActId.Should().Be(device.ActId.ToString());
    }

    [Fact]
    public async Task A_thousand_devices_activate_concurrently_without_a_single_failure()
    {
        var devices = new List<RawDevice>();
        for (var i = 0; i < 1000; i++) devices.Add(new RawDevice(silo.Http));
        await RegisterAllAsync(devices);

        var failures = 0;
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = 1000 }, async (device, _) =>
        {
            try { await device.ActivateAsync(); }
            catch (Exception) { Interlocked.Increment(ref failures); }
        });

        failures.Should().Be(0);
        foreach (var device in devices.Take(50))
            (await Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Active);
        devices.ForEach(d => d.Dispose());
    }

    private async Task RegisterAllAsync(List<RawDevice> devices)
    {
        foreach (var chunk in devices.Chunk(500))
        {
            var body = new { keys = chunk.Select(d => d.FactoryKey()).ToArray() };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/factory/pre-keys") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Authorization = new("Bearer", silo.FactoryToken);
            (await silo.Http.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }
}
