using System.CommandLine;
using Kusabi.Operator.Audit;

namespace Kusabi.Operator.Cli;

/// <summary>`audit`: the registry's events against the grains' view; exit 5 on any discrepancy.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var rpc = CliOptions.Validated(new Option<string>("--rpc") { Description = "JSON-RPC URL of a chain node", Required = true, HelpName = "URL" },
            text => CliOptions.TryServer(text, out _) ? null : $"--rpc must be an absolute http:// or https:// URL; got '{text}'.");
        var contract = CliOptions.Validated(new Option<string>("--contract") { Description = "Address of the KeyRegistry contract", Required = true, HelpName = "0x…" },
            text => text is { Length: 42 } && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text[2..].All(Uri.IsHexDigit)
                ? null : $"--contract must be 0x followed by 40 hexadecimal characters; got '{text}'.");
        var fromBlock = CliOptions.Validated(new Option<long>("--from-block") { Description = "First block to read (the registry's deployment block)", HelpName = "N" },
            n => n >= 0 ? null : $"--from-block must be 0 or more; got {n}.");
        var json = CliOptions.Json();
        var server = new ServerOptions();
        var command = new Command("audit", "Rebuild every key's history from the registry's events alone and check it against the device grains.") { rpc, contract, fromBlock, json };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var connection = server.Connect(parse);
            var options = new FleetAuditOptions(new Uri(parse.GetValue(rpc)!), parse.GetValue(contract)!, connection.Api.Server, connection.Token)
            {
                FromBlock = parse.GetValue(fromBlock),
            };
            var report = await FleetAudit.RunAsync(options, cancellationToken);
            Console.Write(parse.GetValue(json) ? Output.Json(report) + Environment.NewLine : AuditReportWriter.Write(report, options.ContractAddress, options.Server));
            return report.IsClean ? ExitCodes.Ok : ExitCodes.AuditDiscrepancy;
        }, cancellationToken));
        return command;
    }
}
