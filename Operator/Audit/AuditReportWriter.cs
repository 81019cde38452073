using System.Text;

namespace Kusabi.Operator.Audit;

/// <summary>The audit report as people read it: what was compared, then each discrepancy with both sides.</summary>
public static class AuditReportWriter
{
    public static string Write(AuditReport report, string contract, Uri server)
    {
        var c = report.Counts;
        var text = new StringBuilder();
        text.AppendLine($"Audit of registry {contract}, blocks {c.FromBlock}–{c.ToBlock} ({c.Events} key events), against the grains of {server}");
        text.AppendLine($"  chain keys:    {c.ChainKeys.Values.Sum()} ({Join(c.ChainKeys)})");
        text.AppendLine($"  grain devices: {c.GrainDevices.Values.Sum()} ({Join(c.GrainDevices)}); {c.FactoryOnlyDevices} more with keys on chain, never seen by a grain (factory)");
        if (report.IsClean)
        {
            text.AppendLine("  discrepancies: 0 — chain and grains agree.");
            return text.ToString();
        }
        text.AppendLine($"  discrepancies: {report.Discrepancies.Count}");
        foreach (var d in report.Discrepancies)
        {
            text.AppendLine($"[{d.Check}] device {d.DeviceRef ?? "-"} kusabi-ID {d.KeyId ?? "-"}");
            text.AppendLine($"    chain:  {d.Chain}");
            text.AppendLine($"    grains: {d.Grains}");
        }
        return text.ToString();
    }

    private static string Join(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value}").DefaultIfEmpty("none"));
}
