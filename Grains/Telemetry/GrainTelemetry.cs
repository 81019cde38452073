using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kusabi.Grains.Telemetry;

/// <summary>
/// The grains' span source and instruments. Device references may name a span, never a metric
/// series: tags are drawn from small fixed sets (steps, problem codes, states).
/// </summary>
public static class GrainTelemetry
{
    public const string SourceName = "Kusabi.Grains";
    public const string MeterName = "Kusabi.Grains";

    public const string DeviceAttribute = "kusabi.device.ref";
    public const string StepTag = "kusabi.activation.step";
    public const string OutcomeTag = "kusabi.activation.outcome";
    public const string QuarantineActionTag = "kusabi.quarantine.action";
    public const string QuarantineCauseTag = "kusabi.quarantine.cause";
    public const string DeviceStateTag = "kusabi.deployment.device_state";

    internal static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Bucket bounds in seconds: a grain step takes milliseconds; a whole activation includes the device's turns.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

    internal static readonly Counter<long> ActivationSteps = s_meter.CreateCounter<long>(
        "kusabi.activation.steps", "{step}", "Activation steps answered, by step and outcome (ok or a problem code)");

    internal static readonly Histogram<double> StepDuration = Seconds(
        "kusabi.activation.step.duration", "Time the grain took to answer one activation step");

    internal static readonly Histogram<double> ActivationDuration = Seconds(
        "kusabi.activation.duration", "From a session's begin to the device's confirmation");

    internal static readonly Counter<long> CloneAlerts = s_meter.CreateCounter<long>(
        "kusabi.activation.clone_alerts", "{alert}", "Consumed pre keys presented again");

    internal static readonly Counter<long> Quarantines = s_meter.CreateCounter<long>(
        "kusabi.device.quarantines", "{change}", "Devices put into or released from quarantine, by action and cause");

    internal static readonly Counter<long> DeploymentReports = s_meter.CreateCounter<long>(
        "kusabi.deployment.reports", "{report}", "Device update reports accepted by deployments, by reported state");

    private static Histogram<double> Seconds(string name, string description) =>
        s_meter.CreateHistogram(name, "s", description, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    internal static void CountQuarantine(bool quarantined, string cause) =>
        Quarantines.Add(1, new(QuarantineActionTag, quarantined ? "quarantined" : "released"), new(QuarantineCauseTag, cause));
}
