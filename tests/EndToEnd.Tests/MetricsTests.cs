using Kusabi.Grains.Telemetry;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;

namespace Kusabi.EndToEnd.Tests;

[Collection(TelemetryCollection.Name)]
public sealed class MetricsTests(TelemetrySiloFixture telemetry)
{
    private SiloFixture Silo => telemetry.Silo;

    [Fact]
    public async Task An_activation_is_counted_and_timed_per_step_and_its_transaction_measured()
    {
        using var metrics = new MetricRecorder();
        using var device = await RawDevice.RegisteredAsync(Silo.Http, Silo.FactoryToken);

        await device.ActivateAsync();

        await Eventually.TrueAsync(() => metrics.Has("kusabi.chain.batch.duration"), TimeSpan.FromSeconds(30), "the batch to be measured");
        foreach (var step in new[] { ActivationTelemetry.Begin, ActivationTelemetry.ActKey, ActivationTelemetry.Confirm })
        {
            metrics.Has("kusabi.activation.steps", (GrainTelemetry.StepTag, step), (GrainTelemetry.OutcomeTag, "ok")).Should().BeTrue(step);
            metrics.Has("kusabi.activation.step.duration", (GrainTelemetry.StepTag, step)).Should().BeTrue(step);
        }
        metrics.Has("kusabi.activation.duration").Should().BeTrue();
        metrics.Has("kusabi.chain.batch.size").Should().BeTrue();
        metrics.Has("kusabi.chain.entry.duration").Should().BeTrue();
        metrics.Has("kusabi.chain.pending").Should().BeTrue("the pending gauge is observable");
    }

    [Fact]
    public async Task A_refused_step_is_counted_under_its_problem_code_and_a_replayed_pre_key_as_a_clone_alert()
    {
        using var metrics = new MetricRecorder();
        using var device = await RawDevice.RegisteredAsync(Silo.Http, Silo.FactoryToken);
        await device.ActivateAsync();

        (await device.BeginRawAsync()).StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);

        metrics.Has("kusabi.activation.steps", (GrainTelemetry.StepTag, ActivationTelemetry.Begin), (GrainTelemetry.OutcomeTag, "pre-key-consumed")).Should().BeTrue();
        metrics.Has("kusabi.activation.clone_alerts").Should().BeTrue();
        metrics.Has("kusabi.api.problems", ("kusabi.problem.code", "pre-key-consumed"), ("http.response.status_code", "409")).Should().BeTrue();
    }

    [Fact]
    public async Task No_measurement_is_tagged_with_a_device_reference_or_a_key_id()
    {
        using var metrics = new MetricRecorder();
        using var device = await RawDevice.RegisteredAsync(Silo.Http, Silo.FactoryToken);

        await device.ActivateAsync();
        await Eventually.TrueAsync(() => metrics.Has("kusabi.chain.batch.duration"), TimeSpan.FromSeconds(30), "the batch to be measured");

        var values = metrics.Measurements.SelectMany(m => m.Tags).Select(t => t.Value?.ToString() ?? "").ToList();
        values.Should().NotBeEmpty();
        values.Where(LooksLikeAnIdentifier).Should().BeEmpty("identifiers would make a series per device");
        foreach (var identifier in new[] { device.Device.ToString(), device.PreId.ToString(), device.ActId.ToString() })
            values.Should().NotContain(v => v.Contains(identifier, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Quarantining_and_releasing_a_device_are_counted_by_action_and_cause()
    {
        using var metrics = new MetricRecorder();
        using var device = await RawDevice.RegisteredAsync(Silo.Http, Silo.FactoryToken);
        await device.ActivateAsync();

        await QuarantineAsync(device, true);
        await QuarantineAsync(device, false);

        metrics.Has("kusabi.device.quarantines", (GrainTelemetry.QuarantineActionTag, "quarantined"), (GrainTelemetry.QuarantineCauseTag, "operator")).Should().BeTrue();
        metrics.Has("kusabi.device.quarantines", (GrainTelemetry.QuarantineActionTag, "released"), (GrainTelemetry.QuarantineCauseTag, "operator")).Should().BeTrue();
    }

    [Fact]
    public async Task A_device_report_to_its_deployment_is_counted_by_the_reported_state()
    {
        using var metrics = new MetricRecorder();
        using var kit = new ReleaseKit(Silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(2);
        using var device = await RawDevice.RegisteredAsync(Silo.Http, Silo.FactoryToken);
        await device.ActivateAsync();
        await kit.DeployAsync(2, [device]);
        var assignment = (await device.PollAsync()).Assignment!;

        await device.ReportAsync(assignment.DeploymentId, Protocol.Updates.UpdateStates.Downloading);

        await Eventually.TrueAsync(() => metrics.Has("kusabi.deployment.reports", (GrainTelemetry.DeviceStateTag, "downloading")),
            TimeSpan.FromSeconds(10), "the one-way report to reach the deployment");
    }

    private async Task QuarantineAsync(RawDevice device, bool quarantined)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/operator/devices/{device.Device}/quarantine")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { quarantined, reason = "inspection" }),
        };
        request.Headers.Authorization = new("Bearer", Silo.OperatorToken);
        (await Silo.Http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static bool LooksLikeAnIdentifier(string value) => DeviceRef.TryParse(value, out _) || KusabiId.TryParse(value, out _);
}
