using System.CommandLine;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.LoadTest;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.Cli;

/// <summary>`loadtest`: register N in-memory devices, activate them C at a time, report throughput, latency and errors.</summary>
public static class LoadTestCommand
{
    public static Command Create()
    {
        var devices = CliOptions.Bounded("--devices", "Devices to register and activate", 1, FleetSimulator.MaxDevices);
        var concurrency = CliOptions.Bounded("--concurrency", "Activations in flight (and connections)", 1, FleetSimulator.MaxConcurrency, 50);
        var server = CliOptions.Server();
        var tokenFile = CliOptions.TokenFile();
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file", HelpName = "OUT" };
        var timeout = CliOptions.Timeout(TimeSpan.FromMinutes(10));
        var command = new Command("loadtest", "Measure activation throughput and latency against a running server.")
        {
            devices, concurrency, server, tokenFile, json, timeout,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => RunAsync(
            parse.GetValue(devices), parse.GetValue(concurrency), CliOptions.ParseServer(parse.GetValue(server)!),
            parse.GetValue(tokenFile)!, parse.GetValue(json), parse.GetValue(timeout), cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int devices, int concurrency, Uri server, string tokenFile, string? json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var run = await FleetRunner.RunAsync(devices, concurrency, server, CliOptions.ReadToken(tokenFile), timeout, cancellationToken);
        var report = LoadTestReport.From(run);
        report.WriteText(Console.Out);
        // Written even after Ctrl-C: a partial report is still a measurement.
        if (json is not null) await BenchmarkReport.WriteJsonAsync(json, report, CancellationToken.None);
        return report.Failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
