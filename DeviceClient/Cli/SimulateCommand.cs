using System.CommandLine;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.Cli;

/// <summary>`simulate`: a fleet's whole life (factory, activation, optionally an update) against a running server; non-zero on any failure.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var devices = CliOptions.Bounded("--devices", "Devices to simulate", 1, FleetSimulator.MaxDevices, 100);
        var concurrency = CliOptions.Bounded("--concurrency", "Activations in flight", 1, FleetSimulator.MaxConcurrency, 32);
        var server = CliOptions.Server();
        var tokenFile = CliOptions.TokenFile();
        var timeout = CliOptions.Timeout(TimeSpan.FromMinutes(10));
        var command = new Command("simulate", "Register, activate (and optionally update) a simulated fleet and print the outcome.")
        {
            devices, concurrency, server, tokenFile, timeout,
        };
        var (updateSize, operatorTokenFile) = FleetRunner.UpdateOptions(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() => RunAsync(
            parse.GetValue(devices), parse.GetValue(concurrency), CliOptions.ParseServer(parse.GetValue(server)!),
            parse.GetValue(tokenFile)!, parse.GetValue(timeout),
            FleetRunner.ReadUpdatePhase(parse.GetValue(updateSize), parse.GetValue(operatorTokenFile)), cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int devices, int concurrency, Uri server, string tokenFile, TimeSpan timeout, UpdatePhase? update, CancellationToken cancellationToken)
    {
        var (run, updateRun) = await FleetRunner.RunAsync(devices, concurrency, server, CliOptions.ReadToken(tokenFile), timeout, update, cancellationToken);
        Console.WriteLine($"simulate: {run.Devices} devices, {run.Succeeded} activated, {run.Failed} failed; " +
            $"registration {run.Registration.TotalSeconds:0.00} s, activation {run.Activation.TotalSeconds:0.00} s ({run.ActivationsPerSecond:0.0} activations/s)");
        foreach (var (code, count) in run.ErrorsByCode) Console.WriteLine($"simulate: error {code}: {count}");
        foreach (var failure in run.Outcomes.Where(o => !o.Succeeded).Take(5)) Console.Error.WriteLine($"  {failure.Device}: {failure.Error}");
        if (updateRun is not null)
        {
            Console.WriteLine($"simulate: update {updateRun.Product} v{updateRun.Version} ({updateRun.ArtifactSize} bytes): {updateRun.Succeeded} of {updateRun.Devices} " +
                $"updated and compliant, {updateRun.Failed} failed; rollout {updateRun.Rollout.TotalSeconds:0.00} s ({updateRun.UpdatesPerSecond:0.0} updates/s)");
            foreach (var (code, count) in updateRun.ErrorsByCode) Console.WriteLine($"simulate: update error {code}: {count}");
            foreach (var failure in updateRun.Outcomes.Where(o => !o.Succeeded).Take(5)) Console.Error.WriteLine($"  {failure.Device}: {failure.ErrorCode}: {failure.Error}");
        }
        var updateFailed = update is not null && (updateRun is null || updateRun.Failed > 0);
        return run.Failed == 0 && !updateFailed ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
