using System.CommandLine;
using Kusabi.DeviceClient.LoadTest;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.Cli;

/// <summary>
/// `loadtest`: register N in-memory devices, activate them C at a time, optionally update them all
/// (--update-artifact-size), and report throughput, latency per phase and errors.
/// </summary>
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
        var command = new Command("loadtest", "Measure activation (and optionally update) throughput and latency against a running server.")
        {
            devices, concurrency, server, tokenFile, json, timeout,
        };
        var (updateSize, operatorTokenFile) = FleetRunner.UpdateOptions(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => RunAsync(
            parse.GetValue(devices), parse.GetValue(concurrency), CliOptions.ParseServer(parse.GetValue(server)!),
            parse.GetValue(tokenFile)!, parse.GetValue(json), parse.GetValue(timeout),
            FleetRunner.ReadUpdatePhase(parse.GetValue(updateSize), parse.GetValue(operatorTokenFile)), cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        int devices, int concurrency, Uri server, string tokenFile, string? json, TimeSpan timeout, UpdatePhase? update, CancellationToken cancellationToken)
    {
        var (run, updateRun) = await FleetRunner.RunAsync(devices, concurrency, server, CliOptions.ReadToken(tokenFile), timeout, update, cancellationToken);
        var report = LoadTestReport.From(run, updateRun);
        report.WriteText(Console.Out);
        // Written even after Ctrl-C: a partial report is still a measurement.
        if (json is not null) await BenchmarkReport.WriteJsonAsync(json, report, CancellationToken.None);
        var updateFailed = update is not null && (updateRun is null || updateRun.Failed > 0);
        return report.Failed == 0 && !updateFailed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
