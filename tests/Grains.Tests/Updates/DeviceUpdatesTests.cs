using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Tests.Support;
using Kusabi.Grains.Updates;
using Kusabi.Protocol.Activation;

namespace Kusabi.Grains.Tests.Updates;

public sealed class DeviceUpdatesTests
{
    private const string Device = "device-1";
    private const string ActId = "act-1";
    private static readonly UpdateAssignmentInfo s_assignment = new("dep-1", "sensor", 2);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeUpdateCluster _cluster = new();
    private readonly DeviceState _state = new() { Phase = DevicePhase.Active, Act = new ActKeyRecord { Id = ActId } };
    private readonly UpdateSettings _settings = new();
    private readonly DeviceUpdates _updates;
    private int _saves;

    public DeviceUpdatesTests() => _updates = new DeviceUpdates(Device, _state, _cluster, () => { _saves++; return Task.CompletedTask; }, _time, _settings, 50);

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public void A_request_signed_with_the_current_act_key_is_admitted() =>
        _updates.AdmitRequest(ActId, Now, new byte[16]).Should().BeNull();

    [Fact]
    public void A_request_signed_with_another_act_key_is_refused_as_revoked() =>
        _updates.AdmitRequest("act-old", Now, new byte[16])!.Code.Should().Be(ProblemCodes.KeyRevoked);

    [Fact]
    public void A_revoked_device_is_refused_even_with_its_last_act_key()
    {
        _state.Phase = DevicePhase.Revoked;

        _updates.AdmitRequest(ActId, Now, new byte[16])!.Code.Should().Be(ProblemCodes.KeyRevoked);
    }

    [Fact]
    public async Task An_assignment_is_offered_while_assigned_or_downloading()
    {
        await _updates.AssignAsync(s_assignment);
        _updates.CurrentAssignment.Should().Be(s_assignment);

        await _updates.ReportAsync("dep-1", "downloading", null);

        _updates.CurrentAssignment.Should().Be(s_assignment);
    }

    [Theory]
    [InlineData("installed")]
    [InlineData("failed")]
    public async Task An_assignment_is_no_longer_offered_once_the_device_reported_its_end(string reported)
    {
        await _updates.AssignAsync(s_assignment);

        await _updates.ReportAsync("dep-1", reported, null);

        _updates.CurrentAssignment.Should().BeNull();
    }

    [Fact]
    public async Task A_withdrawn_assignment_is_not_offered()
    {
        await _updates.AssignAsync(s_assignment);

        await _updates.AssignAsync(null);

        _updates.CurrentAssignment.Should().BeNull();
        _state.Timeline.Select(e => e.Kind).Should().Equal("update-assigned", "update-withdrawn");
    }

    [Fact]
    public async Task An_installed_report_records_the_release_and_tells_the_deployment()
    {
        await _updates.AssignAsync(s_assignment);

        (await _updates.ReportAsync("dep-1", "installed", "v2")).Should().BeNull();

        (_state.InstalledProduct, _state.InstalledVersion).Should().Be(("sensor", 2UL));
        _cluster.Reports.Should().Equal(("dep-1", Device, DeploymentDeviceState.Installed));
    }

    [Fact]
    public async Task A_resent_report_changes_nothing_and_is_not_passed_on_twice()
    {
        await _updates.AssignAsync(s_assignment);
        await _updates.ReportAsync("dep-1", "failed", "x");
        var saves = _saves;

        (await _updates.ReportAsync("dep-1", "failed", "x")).Should().BeNull();

        _cluster.Reports.Should().ContainSingle();
        _saves.Should().Be(saves);
    }

    [Fact]
    public async Task A_report_for_another_deployment_is_refused()
    {
        await _updates.AssignAsync(s_assignment);

        (await _updates.ReportAsync("dep-other", "installed", null))!.Code.Should().Be(ProblemCodes.AssignmentMismatch);

        _state.InstalledVersion.Should().Be(0UL);
    }

    [Fact]
    public async Task A_report_with_an_unknown_state_is_malformed()
    {
        await _updates.AssignAsync(s_assignment);

        (await _updates.ReportAsync("dep-1", "exploded", null))!.Code.Should().Be(ProblemCodes.MalformedRequest);
    }

    [Fact]
    public async Task An_inventory_matching_the_installed_release_is_compliant()
    {
        await InstallAsync(new() { ["firmware.version"] = "2" });

        var result = await _updates.SubmitInventoryAsync(_updates.IssueInventoryNonce(), new() { ["firmware.version"] = "2", ["act-key"] = ActId });

        result.Value!.Compliant.Should().BeTrue();
        _state.Quarantined.Should().BeFalse();
    }

    [Fact]
    public async Task A_differing_inventory_quarantines_records_the_difference_and_marks_the_deployment_mismatched()
    {
        await InstallAsync(new() { ["firmware.version"] = "2" });

        var result = await _updates.SubmitInventoryAsync(_updates.IssueInventoryNonce(), new() { ["firmware.version"] = "1", ["act-key"] = ActId });

        result.Value!.Should().Match<InventoryResult>(r => !r.Compliant && r.Quarantined);
        _state.LastInventoryDiff.Should().Equal(new InventoryDiff("firmware.version", "2", "1"));
        _state.Timeline.Last().Kind.Should().Be("inventory-mismatch");
        _cluster.Reports.Last().Should().Be(("dep-1", Device, DeploymentDeviceState.Mismatched));
    }

    [Fact]
    public async Task An_inventory_naming_another_act_key_differs_even_with_nothing_installed()
    {
        var result = await _updates.SubmitInventoryAsync(_updates.IssueInventoryNonce(), new() { ["act-key"] = "act-stolen" });

        result.Value!.Differences.Should().Equal(new InventoryDiff("act-key", ActId, "act-stolen"));
    }

    [Fact]
    public async Task An_inventory_nonce_works_once()
    {
        var nonce = _updates.IssueInventoryNonce();
        await _updates.SubmitInventoryAsync(nonce, new() { ["act-key"] = ActId });

        (await _updates.SubmitInventoryAsync(nonce, new() { ["act-key"] = ActId })).ShouldFailWith(ProblemCodes.ReplayedRequest);
    }

    [Fact]
    public async Task An_expired_inventory_nonce_is_refused_and_changes_nothing()
    {
        var nonce = _updates.IssueInventoryNonce();
        _time.Advance(_settings.InventoryNonceLifetime);

        (await _updates.SubmitInventoryAsync(nonce, new() { ["act-key"] = ActId })).ShouldFailWith(ProblemCodes.UnknownNonce);

        _state.LastInventoryAt.Should().BeNull();
    }

    [Fact]
    public async Task A_nonce_the_server_never_issued_is_refused() =>
        (await _updates.SubmitInventoryAsync(new byte[16], new() { ["act-key"] = ActId })).ShouldFailWith(ProblemCodes.UnknownNonce);

    private async Task InstallAsync(Dictionary<string, string> expected)
    {
        _cluster.AddRelease("sensor", 2, expected);
        await _updates.AssignAsync(s_assignment);
        await _updates.ReportAsync("dep-1", "installed", null);
    }
}
