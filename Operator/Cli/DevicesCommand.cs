using System.CommandLine;
using System.Globalization;
using Kusabi.Operator.Fleet;

namespace Kusabi.Operator.Cli;

/// <summary>`devices list`: one page of the fleet listing, filtered, as a table or JSON.</summary>
public static class DevicesCommand
{
    public const int MaxPageSize = 500;

    public static Command Create()
    {
        var server = new ServerOptions();
        var phase = new Option<DevicePhase?>("--phase") { Description = "Only devices in this phase: Factory, Activating, Active, Revoked", HelpName = "PHASE" };
        var lot = new Option<string?>("--lot") { Description = "Only devices of this factory lot", HelpName = "LOT" };
        var release = CliOptions.Validated(new Option<string?>("--release") { Description = "Only devices running this release: PRODUCT or PRODUCT:VERSION", HelpName = "PRODUCT[:N]" },
            text => TryRelease(text, out _, out _) ? null : $"--release must be PRODUCT or PRODUCT:VERSION with a positive VERSION; got '{text}'.");
        var search = CliOptions.Validated(new Option<string?>("--search") { Description = "A prefix of a device reference or kusabi-ID (hex)", HelpName = "HEX" },
            text => text is { Length: > 0 and <= 64 } && text.All(Uri.IsHexDigit) ? null : $"--search must be 1–64 hexadecimal characters; got '{text}'.");
        var page = CliOptions.Bounded("--page", "Page number, from 0", 0, 10_000, 0);
        var pageSize = CliOptions.Bounded("--page-size", "Devices per page", 1, MaxPageSize, 50);
        var json = CliOptions.Json();
        var list = new Command("list", "List devices, filtered and paged.") { phase, lot, release, search, page, pageSize, json };
        server.AddTo(list);
        list.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            TryRelease(parse.GetValue(release), out var product, out var version);
            var query = new FleetListQuery(parse.GetValue(phase), parse.GetValue(lot), product, version, parse.GetValue(search)?.ToLowerInvariant(),
                Page: parse.GetValue(page), PageSize: parse.GetValue(pageSize));
            using var connection = server.Connect(parse);
            var answer = await connection.Fleet.ListAsync(query, cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? Output.Json(answer) : Table(answer));
            return ExitCodes.Ok;
        }, cancellationToken));
        var command = new Command("devices", "Query the fleet's devices.");
        command.Subcommands.Add(list);
        return command;
    }

    public static string Table(FleetPage page)
    {
        var rows = page.Devices.Select(d => (IReadOnlyList<string>)
        [
            d.DeviceRef, d.Phase.ToString().ToLowerInvariant(), Output.Short(d.ActId ?? d.PreId),
            d.InstalledProduct is null ? "-" : $"{d.InstalledProduct} v{d.InstalledVersion}", d.UpdateState ?? "-",
            d.Quarantined ? "yes" : "no", d.CloneAlerts.ToString(CultureInfo.InvariantCulture),
        ]);
        var table = Output.Table(["DEVICE", "PHASE", "KEY (ACT OR PRE)", "RELEASE", "UPDATE", "QUARANTINED", "CLONE ALERTS"], rows.ToList());
        var more = page.HasMore ? $"; more on --page {page.Page + 1}" : "";
        return $"{table}{Environment.NewLine}page {page.Page}: {page.Devices.Count} device(s){more}";
    }

    private static bool TryRelease(string? text, out string? product, out ulong? version)
    {
        product = null;
        version = null;
        if (text is null) return true;
        var colon = text.LastIndexOf(':');
        product = colon < 0 ? text : text[..colon];
        if (product.Length is 0 or > 64) return false;
        if (colon < 0) return true;
        if (!ulong.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed == 0) return false;
        version = parsed;
        return true;
    }
}
