using System.Collections.Concurrent;
using System.Diagnostics;
using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Telemetry;
using Kusabi.Grains.Tests.Support;
using Kusabi.Protocol.Activation;
using Kusabi.TestSupport;

namespace Kusabi.Grains.Tests;

/// <summary>The spans and measurements of activation steps, around the real state machine.</summary>
public sealed class ActivationTelemetryTests : IDisposable
{
    private readonly ActivationHarness _h = new();
    private readonly MetricRecorder _metrics = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;
    private readonly ActivationTelemetry _telemetry;

    public ActivationTelemetryTests()
    {
        _telemetry = new ActivationTelemetry(_h.DeviceRef, _h.Clock);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GrainTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => { if (Equals(span.GetTagItem(GrainTelemetry.DeviceAttribute), _h.DeviceRef)) _spans.Enqueue(span); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task Each_step_is_counted_under_its_step_and_outcome_and_nothing_else()
    {
        await ActivateAsync();

        var counted = _metrics.Of("kusabi.activation.steps");
        counted.Select(m => (Step: Tag(m.Tags, GrainTelemetry.StepTag), Outcome: Tag(m.Tags, GrainTelemetry.OutcomeTag)))
            .Should().Equal(("begin", "ok"), ("act_key", "ok"), ("confirm", "ok"));
        counted.Should().OnlyContain(m => m.Tags.Length == 2, "a device reference must never become a tag");
    }

    [Fact]
    public async Task A_step_is_timed_by_the_clock_it_is_given()
    {
        await _telemetry.TraceAsync(ActivationTelemetry.Begin, async () =>
        {
            var outcome = await _h.BeginAsync();
            _h.Device.AcceptOffer(outcome.Value!);
            _h.Clock.Advance(TimeSpan.FromMilliseconds(1500));
            return outcome;
        });

        _metrics.Of("kusabi.activation.step.duration").Should().ContainSingle().Which.Value.Should().Be(1.5);
    }

    [Fact]
    public async Task The_activation_is_timed_from_its_begin_to_its_confirmation_once()
    {
        await Step(ActivationTelemetry.Begin, () => _h.BeginOkAsync());
        _h.Clock.Advance(TimeSpan.FromSeconds(3));
        await Step(ActivationTelemetry.ActKey, () => _h.IssueOkAsync());
        _h.Clock.Advance(TimeSpan.FromSeconds(2));
        await Step(ActivationTelemetry.Confirm, () => _h.ConfirmOkAsync());
        await Step(ActivationTelemetry.Confirm, () => _h.ConfirmOkAsync()); // the device resends its confirmation

        _metrics.Of("kusabi.activation.duration").Should().ContainSingle().Which.Value.Should().Be(5);
    }

    [Fact]
    public async Task A_refused_step_is_counted_under_its_problem_code()
    {
        await Step(ActivationTelemetry.Begin, () => _h.BeginOkAsync());

        await _telemetry.TraceAsync(ActivationTelemetry.Confirm, () => _h.ConfirmAsync(new byte[64], ActivationHarness.OtherId()));

        _metrics.Has("kusabi.activation.steps", (GrainTelemetry.StepTag, "confirm"), (GrainTelemetry.OutcomeTag, ProblemCodes.ActKeyMismatch)).Should().BeTrue();
        _metrics.Of("kusabi.activation.duration").Should().BeEmpty();
    }

    [Fact]
    public async Task A_consumed_pre_key_presented_again_counts_a_clone_alert()
    {
        await ActivateAsync();

        await _telemetry.TraceAsync(ActivationTelemetry.Begin, () => _h.BeginAsync(consumed: true));

        _metrics.Of("kusabi.activation.clone_alerts").Should().ContainSingle().Which.Tags.Should().BeEmpty();
    }

    [Fact]
    public async Task A_step_that_throws_is_counted_as_an_error_and_the_exception_reaches_the_caller()
    {
        var run = () => _telemetry.TraceAsync<string>(ActivationTelemetry.ActKey, () => throw new InvalidOperationException("storage down"));

        await run.Should().ThrowAsync<InvalidOperationException>();
        _metrics.Has("kusabi.activation.steps", (GrainTelemetry.StepTag, "act_key"), (GrainTelemetry.OutcomeTag, ActivationTelemetry.Error)).Should().BeTrue();
        _spans.Should().ContainSingle().Which.Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public async Task Each_step_has_a_span_named_for_it_carrying_the_device_reference_and_the_outcome()
    {
        await ActivateAsync();

        _spans.Select(s => s.OperationName).Should().Equal("activation.begin", "activation.act_key", "activation.confirm");
        _spans.Should().OnlyContain(s => Equals(s.GetTagItem(GrainTelemetry.OutcomeTag), "ok"));
    }

    private async Task ActivateAsync()
    {
        await Step(ActivationTelemetry.Begin, () => _h.BeginOkAsync());
        await Step(ActivationTelemetry.ActKey, () => _h.IssueOkAsync());
        await Step(ActivationTelemetry.Confirm, () => _h.ConfirmOkAsync());
    }

    /// <summary>Runs a harness step (which asserts its own success) inside the traced step.</summary>
    private Task Step(string step, Func<Task> run) =>
        _telemetry.TraceAsync(step, async () =>
        {
            await run();
            return Outcome<bool>.Ok(true);
        });

    private static string? Tag(KeyValuePair<string, object?>[] tags, string key) => tags.FirstOrDefault(t => t.Key == key).Value?.ToString();
}
