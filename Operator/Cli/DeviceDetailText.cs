using System.Globalization;
using System.Text;
using Kusabi.Operator.Fleet;

namespace Kusabi.Operator.Cli;

/// <summary>`device show` as text: identity, keys on chain, release, inventory differences, timeline.</summary>
public static class DeviceDetailText
{
    public static string Write(DeviceDetail detail)
    {
        var d = detail.Device;
        var text = new StringBuilder();
        text.AppendLine($"device      {d.DeviceRef}");
        text.AppendLine($"phase       {d.Phase.ToString().ToLowerInvariant()}{(d.Quarantined ? ", QUARANTINED" : "")}{(d.CloneAlerts > 0 ? $", {d.CloneAlerts} clone alert(s)" : "")}");
        if (d.ActivatedAt is { } activated) text.AppendLine($"activated   {activated:u}");
        if (d.LastSeenAt is { } seen) text.AppendLine($"last seen   {seen:u}");
        text.AppendLine($"release     {(d.InstalledProduct is null ? "-" : $"{d.InstalledProduct} v{d.InstalledVersion}")}{(d.UpdateState is null ? "" : $" (update {d.UpdateState})")}");
        text.AppendLine();
        text.AppendLine(Output.Table(["KEY", "KUSABI-ID", "ON CHAIN", "REASON", "REGISTERED", "STATUS BLOCK"], detail.Keys.Select(k => (IReadOnlyList<string>)
        [
            k.Role, k.Id, k.Status, k.Status is "Active" or "NotOnChain" ? "-" : k.Reason,
            k.RegisteredBlock > 0 ? $"block {k.RegisteredBlock}" : "-", k.StatusBlock > 0 ? $"block {k.StatusBlock}" : "-",
        ]).ToList()));
        if (d.LastInventoryDiff is { Count: > 0 } diff)
        {
            text.AppendLine();
            text.AppendLine($"inventory differences ({d.LastInventoryAt:u}):");
            text.AppendLine(Output.Table(["ITEM", "EXPECTED", "REPORTED"], diff.Select(i => (IReadOnlyList<string>)[i.Item, i.Expected ?? "(absent)", i.Reported ?? "(absent)"]).ToList()));
        }
        else if (d.LastInventoryAt is { } at)
        {
            text.AppendLine();
            text.AppendLine($"inventory   compliant ({at:u})");
        }
        text.AppendLine();
        text.AppendLine("timeline:");
        text.Append(Output.Table(["AT", "EVENT", "DETAIL", "BLOCK", "TRANSACTION"], d.Timeline.Select(e => (IReadOnlyList<string>)
        [
            e.At.ToString("u", CultureInfo.InvariantCulture), e.Kind, e.Detail, e.Block?.ToString(CultureInfo.InvariantCulture) ?? "-", e.Transaction ?? "-",
        ]).ToList()));
        return text.ToString();
    }
}
