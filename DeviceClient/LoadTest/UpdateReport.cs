using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>Latency of each update phase over updated devices: poll → download → verify → install → inventory.</summary>
public sealed record UpdatePhaseLatencies(
    LatencySummary Poll, LatencySummary Download, LatencySummary Verify, LatencySummary Install, LatencySummary Inventory, LatencySummary Total);

/// <summary>The update phase's part of <see cref="LoadTestReport"/>.</summary>
public sealed record UpdateReport(
    string Product,
    ulong Version,
    long ArtifactSize,
    string DeploymentId,
    int Devices,
    int Updated,
    int Failed,
    double PublishSeconds,
    double RolloutSeconds,
    double UpdatesPerSecond,
    double MegabytesPerSecond,
    UpdatePhaseLatencies Latency,
    LatencySummary TimeToCompliant,
    IReadOnlyDictionary<string, int> Errors)
{
    public static UpdateReport From(UpdateRun run)
    {
        var updated = run.Outcomes.Where(o => o.Succeeded).ToList();
        var timings = updated.Select(o => o.Attempt!.Timings).ToList();
        var latency = new UpdatePhaseLatencies(
            LatencySummary.Of(timings.Select(t => t.Poll)),
            LatencySummary.Of(timings.Select(t => t.Download)),
            LatencySummary.Of(timings.Select(t => t.Verify)),
            LatencySummary.Of(timings.Select(t => t.Install)),
            LatencySummary.Of(timings.Select(t => t.Inventory)),
            LatencySummary.Of(timings.Select(t => t.Total)));
        return new UpdateReport(run.Product, run.Version, run.ArtifactSize, run.DeploymentId, run.Devices, run.Succeeded, run.Failed,
            run.Publish.TotalSeconds, run.Rollout.TotalSeconds, run.UpdatesPerSecond, run.MegabytesPerSecond, latency,
            LatencySummary.Of(updated.Select(o => o.Finished)), run.ErrorsByCode);
    }

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"update        {Product} v{Version}, {ArtifactSize} bytes, deployment {DeploymentId}");
        output.WriteLine($"publish       {PublishSeconds:0.00} s (art key, upload, release anchored)");
        output.WriteLine($"rollout       {RolloutSeconds:0.00} s: {Updated} of {Devices} updated and compliant, {Failed} failed");
        output.WriteLine($"throughput    {UpdatesPerSecond:0.0} updates/s, {MegabytesPerSecond:0.0} MB/s of artifacts");
        output.WriteLine($"to compliant  {TimeToCompliant}");
        output.WriteLine($"  poll        {Latency.Poll}");
        output.WriteLine($"  download    {Latency.Download}");
        output.WriteLine($"  verify      {Latency.Verify}");
        output.WriteLine($"  install     {Latency.Install}");
        output.WriteLine($"  inventory   {Latency.Inventory}");
        foreach (var (code, count) in Errors) output.WriteLine($"update error  {code}: {count}");
    }
}
