using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Operator.Audit;
using Kusabi.Operator.Cli;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

/// <summary>The chain audit against a real silo and anvil: clean, then with one side corrupted behind the other's back.</summary>
public sealed class FleetAuditTests
{
    [Fact]
    public async Task A_fleet_of_factory_only_active_and_revoked_devices_audits_clean_and_the_command_exits_0()
    {
        await using var fleet = await AuditedFleet.StartAsync();

        var report = await fleet.AuditAsync();
        var run = await OpsProcess.RunAsync(fleet.AuditArguments);

        report.Discrepancies.Should().BeEmpty();
        report.Counts.FactoryOnlyDevices.Should().Be(2);
        report.Counts.GrainDevices["active"].Should().Be(2);
        report.Counts.GrainDevices["revoked"].Should().Be(1);
        report.Counts.ChainKeys.Should().Contain(new Dictionary<string, int> { ["pre active"] = 2, ["pre consumed"] = 3, ["act active"] = 2, ["act revoked"] = 1 });
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Output.Should().Contain("discrepancies: 0");
    }

    [Fact]
    public async Task An_act_key_revoked_on_chain_behind_the_servers_back_is_caught_and_the_command_exits_5()
    {
        await using var fleet = await AuditedFleet.StartAsync();
        var victim = fleet.Active[0];

        await fleet.Member.SendAsync(new RevokeKeysFunction { Revocations = [new RevocationStruct { Id = victim.ActId.ToArray(), Reason = (byte)RevocationReason.Compromised }] });
        var report = await fleet.AuditAsync();
        var run = await OpsProcess.RunAsync(fleet.AuditArguments);

        report.Discrepancies.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Check = AuditChecks.ActiveDeviceActKey,
            DeviceRef = victim.Device.ToString(),
            KeyId = victim.ActId.ToString(),
        });
        report.Discrepancies[0].Chain.Should().Contain("revoked (Compromised)");
        run.ExitCode.Should().Be(ExitCodes.AuditDiscrepancy, run.ToString());
        run.Output.Should().Contain($"[{AuditChecks.ActiveDeviceActKey}] device {victim.Device} kusabi-ID {victim.ActId}");
    }

    [Fact]
    public async Task A_second_act_key_registered_directly_on_chain_for_an_active_device_is_caught()
    {
        await using var fleet = await AuditedFleet.StartAsync();
        var victim = fleet.Active[1];
        using var forged = Ed25519KeyPair.Generate();
        var forgedId = KusabiId.Create(KeyPurpose.Act, forged.PublicKey);

        await fleet.Member.SendAsync(new RegisterKeysFunction
        {
            Keys = [new KeyInputStruct { Id = forgedId.ToArray(), Purpose = (byte)KeyPurpose.Act, Algorithm = (byte)KeyAlgorithm.Ed25519, PublicKey = forged.PublicKey.ToArray(), DeviceRef = victim.Device.ToArray() }],
        });
        var report = await fleet.AuditAsync();

        var found = report.Discrepancies.Should().ContainSingle().Which;
        found.Check.Should().Be(AuditChecks.ActiveDeviceActKey);
        found.DeviceRef.Should().Be(victim.Device.ToString());
        found.Chain.Should().Contain("2 active act keys").And.Contain(forgedId.ToString());
    }

    [Fact]
    public async Task A_device_grain_marked_revoked_while_its_keys_stay_active_on_chain_is_caught()
    {
        await using var fleet = await AuditedFleet.StartAsync();
        var victim = fleet.Active[0];
        var grains = fleet.Silo.Services.GetRequiredService<IGrainFactory>();

        await grains.GetGrain<IDeviceGrain>(victim.Device.ToString()).MarkRevoked("written straight into the grain", null, null);
        var report = await fleet.AuditAsync();

        report.Discrepancies.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Check = AuditChecks.RevokedDeviceKeys,
            DeviceRef = victim.Device.ToString(),
            KeyId = victim.ActId.ToString(),
        });
    }

    [Fact]
    public async Task A_fleet_index_entry_holding_another_act_key_than_the_chain_is_caught()
    {
        await using var fleet = await AuditedFleet.StartAsync();
        var victim = fleet.Active[1];
        var grains = fleet.Silo.Services.GetRequiredService<IGrainFactory>();
        var other = fleet.Active[0].ActId.ToString();
        var shard = grains.GetGrain<IFleetShardGrain>(FleetShards.Of(victim.Device.ToString()));
        var listed = (await shard.Find(new FleetFilter(Search: victim.Device.ToString()), 1)).Single();

        await shard.Upsert(listed with { ActId = other });
        var report = await fleet.AuditAsync();

        report.Discrepancies.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Check = AuditChecks.ActiveDeviceActKey,
            DeviceRef = victim.Device.ToString(),
            KeyId = victim.ActId.ToString(),
        });
        report.Discrepancies[0].Grains.Should().Contain(other);
    }
}
