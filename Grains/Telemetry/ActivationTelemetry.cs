using System.Diagnostics;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;

namespace Kusabi.Grains.Telemetry;

/// <summary>
/// Traces and measures one device's activation steps: a span per step (named "activation.{step}",
/// carrying the device reference), a count and duration per step tagged only by step and outcome,
/// and the whole activation's duration from its latest successful begin to its confirmation.
/// </summary>
public sealed class ActivationTelemetry(string deviceRef, TimeProvider time)
{
    public const string Begin = "begin";
    public const string ActKey = "act_key";
    public const string Confirm = "confirm";
    public const string Ok = "ok";
    /// <summary>The outcome of a step that threw instead of answering.</summary>
    public const string Error = "error";

    private long? _begunAt;

    public async Task<Outcome<T>> TraceAsync<T>(string step, Func<Task<Outcome<T>>> run)
    {
        using var span = GrainTelemetry.Source.StartActivity("activation." + step);
        span?.SetTag(GrainTelemetry.DeviceAttribute, deviceRef);
        span?.SetTag(GrainTelemetry.StepTag, step);
        var started = time.GetTimestamp();
        var outcome = Error;
        try
        {
            var result = await run();
            outcome = result.Failure?.Code ?? Ok;
            return result;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            span?.SetTag(GrainTelemetry.OutcomeTag, outcome);
            Record(step, outcome, started);
        }
    }

    private void Record(string step, string outcome, long started)
    {
        var tags = new TagList { { GrainTelemetry.StepTag, step }, { GrainTelemetry.OutcomeTag, outcome } };
        GrainTelemetry.ActivationSteps.Add(1, tags);
        GrainTelemetry.StepDuration.Record(time.GetElapsedTime(started).TotalSeconds, tags);

        if (step == Begin && outcome == Ok) _begunAt = started;
        if (step == Begin && outcome == ProblemCodes.PreKeyConsumed) GrainTelemetry.CloneAlerts.Add(1);
        if (step == Confirm && outcome == Ok && _begunAt is { } begun)
        {
            // Once per session: a resent confirmation is answered again but is not a second activation.
            GrainTelemetry.ActivationDuration.Record(time.GetElapsedTime(begun).TotalSeconds);
            _begunAt = null;
        }
    }
}
