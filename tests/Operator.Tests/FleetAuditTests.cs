using Kusabi.Chain.Audit;
using Kusabi.Chain.Model;
using Kusabi.Operator.Audit;
using Kusabi.Operator.Fleet;
using Kusabi.Protocol.Identity;

namespace Kusabi.Operator.Tests;

public sealed class FleetAuditTests
{
    private readonly AuditFleet _fleet = new();

    private AuditReport Audit() => FleetAudit.Compare(_fleet.Chain, _fleet.Devices);

    private Discrepancy Single(string check)
    {
        var report = Audit();
        report.Discrepancies.Should().ContainSingle($"one corruption is one discrepancy; got {string.Join("; ", report.Discrepancies)}");
        report.Discrepancies[0].Check.Should().Be(check);
        return report.Discrepancies[0];
    }

    [Fact]
    public void A_fleet_of_factory_only_active_and_revoked_devices_is_clean_and_counted()
    {
        _fleet.FactoryOnly();
        _fleet.FactoryOnly();
        _fleet.Active();
        _fleet.Active();
        _fleet.Revoked();

        var report = Audit();

        report.IsClean.Should().BeTrue(string.Join("; ", report.Discrepancies));
        report.Counts.FactoryOnlyDevices.Should().Be(2);
        report.Counts.GrainDevices["active"].Should().Be(2);
        report.Counts.GrainDevices["revoked"].Should().Be(1);
        report.Counts.ChainKeys.Should().Contain(new Dictionary<string, int> { ["pre active"] = 2, ["pre consumed"] = 3, ["act active"] = 2, ["act revoked"] = 1 });
    }

    [Fact]
    public void An_active_device_whose_act_key_was_revoked_on_chain_is_reported_with_both_sides()
    {
        var (device, _, act) = _fleet.Active();
        _fleet.SetStatus(act, KeyStatus.Revoked);

        var found = Single(AuditChecks.ActiveDeviceActKey);

        found.DeviceRef.Should().Be(device.ToString());
        found.KeyId.Should().Be(act.ToString());
        found.Chain.Should().Contain("no active act key").And.Contain("revoked");
        found.Grains.Should().Contain($"act key {act}");
    }

    [Fact]
    public void An_active_device_with_a_second_active_act_key_on_chain_is_reported()
    {
        var (device, _, _) = _fleet.Active();
        var extra = _fleet.Key(KeyPurpose.Act, device);

        Single(AuditChecks.ActiveDeviceActKey).Chain.Should().Contain("2 active act keys").And.Contain(extra.ToString());
    }

    [Fact]
    public void An_active_device_whose_grain_holds_another_act_key_than_the_chain_is_reported()
    {
        var (device, pre, act) = _fleet.Active();
        var other = _fleet.Key(KeyPurpose.Act, device, KeyStatus.Revoked);
        _fleet.Grain(device, DevicePhase.Active, pre, other);

        var found = Single(AuditChecks.ActiveDeviceActKey);

        found.KeyId.Should().Be(act.ToString());
        found.Grains.Should().Contain(other.ToString());
    }

    [Fact]
    public void A_consumed_pre_key_of_a_device_no_grain_has_seen_is_reported()
    {
        var device = DeviceRef.CreateRandom();
        var pre = _fleet.Key(KeyPurpose.Pre, device, KeyStatus.Consumed);

        Single(AuditChecks.ConsumedPreKeyOwner).KeyId.Should().Be(pre.ToString());
    }

    [Fact]
    public void An_active_act_key_that_no_grain_holds_is_an_orphan()
    {
        var (device, _) = _fleet.FactoryOnly();
        var act = _fleet.Key(KeyPurpose.Act, device);

        var found = Single(AuditChecks.OrphanedKey);

        found.KeyId.Should().Be(act.ToString());
        found.Grains.Should().Contain("no device grain has seen this device");
    }

    [Fact]
    public void The_registered_pending_act_key_of_an_activating_device_is_not_an_orphan()
    {
        var device = DeviceRef.CreateRandom();
        var pre = _fleet.Key(KeyPurpose.Pre, device, KeyStatus.Consumed);
        var pending = _fleet.Key(KeyPurpose.Act, device);
        _fleet.Grain(device, DevicePhase.Activating, pre, null, pending);

        Audit().IsClean.Should().BeTrue();
    }

    [Fact]
    public void An_active_pre_key_of_a_device_the_grains_list_in_the_factory_phase_is_fine()
    {
        var (device, pre) = _fleet.FactoryOnly();
        _fleet.Grain(device, DevicePhase.Factory, pre, null);

        Audit().IsClean.Should().BeTrue();
    }

    [Fact]
    public void A_revoked_device_with_a_key_still_active_on_chain_is_reported()
    {
        var (device, _, act) = _fleet.Active();
        _fleet.Grain(device, DevicePhase.Revoked, null, act);

        var found = Single(AuditChecks.RevokedDeviceKeys);

        found.KeyId.Should().Be(act.ToString());
        found.Chain.Should().Contain("act key active");
    }

    [Fact]
    public void An_active_device_whose_pre_key_is_unconsumed_on_chain_is_reported()
    {
        var (_, pre, _) = _fleet.Active();
        _fleet.SetStatus(pre, KeyStatus.Active);

        var found = Single(AuditChecks.PreKeyConsumption);

        found.KeyId.Should().Be(pre.ToString());
        found.Grains.Should().Contain("consumed");
    }

    [Fact]
    public void A_factory_device_whose_pre_key_is_consumed_on_chain_is_reported()
    {
        var (device, pre) = _fleet.FactoryOnly();
        _fleet.Grain(device, DevicePhase.Factory, pre, null);
        _fleet.SetStatus(pre, KeyStatus.Consumed);

        Single(AuditChecks.PreKeyConsumption).Chain.Should().Contain("pre key consumed");
    }

    [Fact]
    public void A_key_a_grain_holds_that_the_registry_never_registered_is_reported()
    {
        var (device, pre, _) = _fleet.Active();
        var unknown = KusabiId.Create(KeyPurpose.Act, new byte[32]);
        _fleet.Grain(device, DevicePhase.Active, pre, unknown);

        Audit().Discrepancies.Should().Contain(d => d.KeyId == unknown.ToString() && d.Chain.Contains("no such key"));
    }

    [Fact]
    public void Anomalous_events_are_reported()
    {
        var id = KusabiId.Create(KeyPurpose.Pre, new byte[32]);
        _fleet.Anomalies.Add(new EventAnomaly(id, 7, "0xabc", "status changed to Revoked before any registration"));

        Single(AuditChecks.EventHistory).KeyId.Should().Be(id.ToString());
    }

    [Fact]
    public void The_written_report_names_each_discrepancy_with_its_device_key_and_both_sides()
    {
        var (device, _, act) = _fleet.Active();
        _fleet.SetStatus(act, KeyStatus.Revoked);

        var text = AuditReportWriter.Write(Audit(), "0x" + new string('1', 40), new Uri("http://silo"));

        text.Should().Contain("discrepancies: 1").And.Contain($"[{AuditChecks.ActiveDeviceActKey}] device {device} kusabi-ID {act}")
            .And.Contain("chain:").And.Contain("grains:");
    }
}
