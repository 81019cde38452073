using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>Latency of the whole activation and of each step, over successful activations.</summary>
public sealed record ActivationLatencies(LatencySummary Total, LatencySummary Begin, LatencySummary ActKey, LatencySummary Confirm);

/// <summary>What <c>loadtest</c> prints and writes as JSON.</summary>
public sealed record LoadTestReport(
    int Devices,
    int Concurrency,
    int Succeeded,
    int Failed,
    int Restarts,
    double RegistrationSeconds,
    double ActivationSeconds,
    double ActivationsPerSecond,
    ActivationLatencies Latency,
    IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>The update phase, when the run had one.</summary>
    public UpdateReport? Update { get; init; }

    public static LoadTestReport From(FleetRun run, UpdateRun? update) => From(run) with { Update = update is null ? null : UpdateReport.From(update) };

    public static LoadTestReport From(FleetRun run)
    {
        var results = run.Outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList();
        var latency = new ActivationLatencies(
            LatencySummary.Of(results.Select(r => r.Timings.Total)),
            LatencySummary.Of(results.Select(r => r.Timings.Begin)),
            LatencySummary.Of(results.Select(r => r.Timings.ActKey)),
            LatencySummary.Of(results.Select(r => r.Timings.Confirm)));
        return new LoadTestReport(run.Devices, run.Concurrency, run.Succeeded, run.Failed, results.Sum(r => r.Rounds - 1),
            run.Registration.TotalSeconds, run.Activation.TotalSeconds, run.ActivationsPerSecond, latency, run.ErrorsByCode);
    }

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"devices       {Devices} (concurrency {Concurrency})");
        output.WriteLine($"registration  {RegistrationSeconds:0.00} s");
        output.WriteLine($"activation    {ActivationSeconds:0.00} s: {Succeeded} activated, {Failed} failed, {Restarts} session restarts");
        output.WriteLine($"throughput    {ActivationsPerSecond:0.0} activations/s");
        output.WriteLine($"whole         {Latency.Total}");
        output.WriteLine($"  begin       {Latency.Begin}");
        output.WriteLine($"  act-key     {Latency.ActKey}");
        output.WriteLine($"  confirm     {Latency.Confirm}");
        foreach (var (code, count) in Errors) output.WriteLine($"error         {code}: {count}");
        Update?.WriteText(output);
    }
}
