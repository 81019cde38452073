using System.Globalization;
using System.Text;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>The load-test report as Markdown tables: the same figures as the JSON, for people.</summary>
public static class MarkdownReport
{
    public static string Render(PipelineReport report, string? chartFile = null)
    {
        var md = new StringBuilder();
        md.AppendLine("# Load test").AppendLine();
        md.AppendLine("| run | value |").AppendLine("|---|---|");
        Row(md, "started", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Row(md, "server", report.Server);
        Row(md, "devices", N(report.Devices));
        Row(md, "concurrency", N(report.Concurrency));
        Row(md, "artifact", report.ArtifactBytes is { } bytes ? $"{N(bytes)} bytes" : "no update phase");
        Row(md, "duration limit", $"{F(report.DurationLimitSeconds, "0")} s{(report.StoppedByDurationLimit ? " (reached: the run stopped early)" : "")}");
        Row(md, "wall time", $"{F(report.WallSeconds, "0.0")} s");
        Row(md, "errors", N(report.TotalErrors));
        Row(md, "load generator", $"{report.Machine.ProcessorCount} cores, {report.Machine.Runtime}, {(report.Machine.ServerGc ? "server" : "workstation")} GC, {F(report.LoadGeneratorCpuSeconds, "0.0")} CPU-seconds used");
        md.AppendLine();

        md.AppendLine("## Phases").AppendLine();
        md.AppendLine("| phase | planned | done | ok | errors | unfinished | seconds | throughput/s | p50 ms | p95 ms | p99 ms | max ms |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in report.Phases)
        {
            md.AppendLine($"| {p.Name} | {N(p.Planned)} | {N(p.Count)} | {N(p.Ok)} | {N(p.ErrorCount)} | {N(p.Unfinished)} | {F(p.Seconds, "0.0")} | " +
                $"{F(p.ThroughputPerSecond, "0.0")} | {Ms(p.Latency.P50Ms)} | {Ms(p.Latency.P95Ms)} | {Ms(p.Latency.P99Ms)} | {Ms(p.Latency.MaxMs)} |");
        }
        md.AppendLine();

        AppendErrors(md, report);
        AppendSteps(md, report);
        AppendChain(md, report);
        if (chartFile is not null) md.AppendLine("## Over time").AppendLine().AppendLine($"![throughput and latency over time]({chartFile})").AppendLine();
        AppendTimeSeries(md, report);
        return md.ToString();
    }

    private static void AppendErrors(StringBuilder md, PipelineReport report)
    {
        var recovered = report.Phases.SelectMany(p => p.Recovered.Select(r => $"{p.Name} {r.Key}: {N(r.Value)}")).ToList();
        md.AppendLine("## Errors by code").AppendLine();
        if (recovered.Count > 0) md.AppendLine($"Recovered (retried, then succeeded; not errors): {string.Join(", ", recovered)}.").AppendLine();
        var errors = report.Phases.SelectMany(p => p.Errors.Select(e => (Phase: p.Name, Code: e.Key, Count: e.Value, Example: p.ErrorExamples.GetValueOrDefault(e.Key, "")))).ToList();
        if (errors.Count == 0)
        {
            md.AppendLine("None.").AppendLine();
            return;
        }
        md.AppendLine("| phase | code | count | first message |").AppendLine("|---|---|---:|---|");
        foreach (var (phase, code, count, example) in errors) md.AppendLine($"| {phase} | {Escape(code)} | {N(count)} | {Escape(example.ReplaceLineEndings(" "))} |");
        md.AppendLine();
    }

    private static void AppendSteps(StringBuilder md, PipelineReport report)
    {
        var steps = report.Phases.SelectMany(p => p.Steps.Select(s => (Phase: p.Name, Step: s.Key, Latency: s.Value))).ToList();
        if (steps.Count == 0) return;
        md.AppendLine("## Steps").AppendLine();
        md.AppendLine("| phase | step | count | p50 ms | p95 ms | p99 ms | max ms |").AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (phase, step, l) in steps)
            md.AppendLine($"| {phase} | {step} | {N(l.Count)} | {Ms(l.P50Ms)} | {Ms(l.P95Ms)} | {Ms(l.P99Ms)} | {Ms(l.MaxMs)} |");
        md.AppendLine();
    }

    private static void AppendChain(StringBuilder md, PipelineReport report)
    {
        md.AppendLine("## Chain").AppendLine();
        if (report.Chain is not { } chain)
        {
            md.AppendLine($"Not measured: {report.ChainNote ?? "no chain figures"}.").AppendLine();
            return;
        }
        md.AppendLine("| chain | value |").AppendLine("|---|---|");
        Row(md, "blocks", $"{N(chain.FromBlock)}–{N(chain.ToBlock)} ({N(chain.Blocks)})");
        Row(md, "registry transactions", N(chain.Transactions));
        Row(md, "entries (keys registered or changed, releases anchored)", N(chain.Entries));
        Row(md, "entries per transaction", $"{F(chain.EntriesPerTransaction, "0.0")} (max {N(chain.MaxEntriesPerTransaction)})");
        if (chain.GatewayTransactions is { } tx) Row(md, "gateway counters", $"{N(tx)} transactions, {N(chain.GatewayEntries ?? 0)} entries");
        md.AppendLine();
    }

    private static void AppendTimeSeries(StringBuilder md, PipelineReport report)
    {
        var phases = report.Phases.Where(p => p.TimeSeries.Count > 0).ToList();
        if (phases.Count == 0) return;
        md.AppendLine("## Per second").AppendLine();
        md.AppendLine("Operations finished in each second of the run (ok/errors) and the p95 latency of the successful ones.").AppendLine();
        md.Append("| second |");
        foreach (var p in phases) md.Append($" {p.Name} ok | errors | p95 ms |");
        md.AppendLine().Append("|---:|");
        foreach (var _ in phases) md.Append("---:|---:|---:|");
        md.AppendLine();
        var first = phases.Min(p => p.TimeSeries[0].Second);
        var last = phases.Max(p => p.TimeSeries[^1].Second);
        var bySecond = phases.Select(p => p.TimeSeries.ToDictionary(t => t.Second)).ToList();
        for (var second = first; second <= last; second++)
        {
            md.Append($"| {second} |");
            foreach (var series in bySecond)
            {
                md.Append(series.TryGetValue(second, out var t) ? $" {N(t.Completed)} | {N(t.Errors)} | {Ms(t.P95Ms)} |" : " | | |");
            }
            md.AppendLine();
        }
        md.AppendLine();
    }

    private static void Row(StringBuilder md, string name, string value) => md.AppendLine($"| {name} | {Escape(value)} |");

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
