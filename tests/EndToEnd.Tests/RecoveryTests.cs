using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// A grain deactivation at each step loses the in-memory session, as a silo crash does; the device
/// recovers by starting again at step 1, and the chain never holds two active act keys for it.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RecoveryTests(SiloFixture silo)
{
    private RegistryReader Reader => silo.Services.GetRequiredService<Silo.Chain.ChainRuntime>().Reader;
    private IGrainFactory Grains => silo.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Deactivation_after_step_two_is_recovered_by_starting_again()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();

        await DeactivateAsync(device);
        var lost = await device.ActKeyRawAsync(device.ActKeyRequest());

        ((int)lost.StatusCode).Should().Be(404);
        await device.ActivateAsync();
        await ExpectSingleActiveActKeyAsync(device, revoked: 0);
    }

    [Fact]
    public async Task Deactivation_after_the_act_key_was_issued_revokes_it_and_issues_a_new_one()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.BeginAsync();
        await device.RequestActKeyAsync();
        var undelivered = device.ActId;

        await DeactivateAsync(device);
        var lost = await device.ConfirmRawAsync(device.ConfirmRequest());

        ((int)lost.StatusCode).Should().Be(404);
        await device.ActivateAsync();
        device.ActId.Should().NotBe(undelivered);
        var old = await Reader.GetKeyAsync(undelivered);
        old.Status.Should().Be(KeyStatus.Revoked);
        old.Reason.Should().Be(RevocationReason.Undelivered);
        await ExpectSingleActiveActKeyAsync(device, revoked: 1);
    }

    [Fact]
    public async Task Deactivation_after_activation_keeps_the_device_active()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();

        await DeactivateAsync(device);

        (await Grains.GetGrain<IDeviceGrain>(device.Device.ToString()).GetView()).Phase.Should().Be(DevicePhase.Active);
        await ExpectSingleActiveActKeyAsync(device, revoked: 0);
    }

    private async Task DeactivateAsync(RawDevice device)
    {
        var grain = Grains.GetGrain<IDeviceGrain>(device.Device.ToString());
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
    }

    /// <summary>Walks the device's timeline and the chain: exactly one act key active, the rest revoked.</summary>
    private async Task ExpectSingleActiveActKeyAsync(RawDevice device, int revoked)
    {
        var view = await Grains.GetGrain<IDeviceGrain>(device.Device.ToString()).GetView();
        view.Phase.Should().Be(DevicePhase.Active);
        var registered = view.Timeline.Where(e => e.Kind == "act-key-registered")
            .Select(e => KusabiId.Parse(e.Detail.Split(' ')[2])).Distinct().ToList();
        var statuses = await Task.WhenAll(registered.Select(id => Reader.GetKeyAsync(id)));
        statuses.Count(k => k.Status == KeyStatus.Active).Should().Be(1);
        statuses.Single(k => k.Status == KeyStatus.Active).Id.Should().Be(device.ActId);
        statuses.Count(k => k.Status == KeyStatus.Revoked).Should().Be(revoked);
        (await Reader.GetKeyAsync(device.PreId)).Status.Should().Be(KeyStatus.Consumed);
    }
}
