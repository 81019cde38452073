using System.CommandLine;
using Kusabi.DeviceClient.Device;

namespace Kusabi.DeviceClient.Cli;

/// <summary>`activate`: run the activation protocol for one bundle and rewrite it with the act key.</summary>
public static class ActivateCommand
{
    public static Command Create()
    {
        var bundle = new Option<string>("--bundle") { Description = "The device's bundle file (rewritten in place on success)", Required = true, HelpName = "FILE" };
        var command = new Command("activate", "Activate a device: exchange its pre key for an act key and rewrite its bundle.") { bundle };
        command.SetAction((parse, cancellationToken) =>
            CommandRunner.RunAsync(() => RunAsync(parse.GetValue(bundle)!, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, CancellationToken cancellationToken)
    {
        var bundle = DeviceBundleFile.Load(path);
        if (bundle.IsActivated)
            throw new UsageException($"Device bundle '{path}' is already activated (act ID {bundle.ActId}); there is no pre key left to activate with.");

        using var http = KusabiHttp.CreateClient();
        var client = new ActivationClient(new KusabiApiClient(http, bundle.ServerUrl))
        {
            // Protocol §9 "Granted": the unconfirmed act key is on disk (beside the pre key) before step 5 is sent.
            OnGranted = (granted, _) =>
            {
                DeviceBundleFile.Save(granted, path);
                return Task.CompletedTask;
            },
        };
        var result = await client.ActivateAsync(bundle, cancellationToken);
        try
        {
            DeviceBundleFile.Save(result.Bundle, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DeviceBundleException)
        {
            // The server already considers the device active; say so, so the operator knows what was lost.
            await Console.Error.WriteLineAsync($"Device {bundle.DeviceRef} is active as {result.Bundle.ActId}, but '{path}' could not be rewritten: {e.Message}");
            return ExitCodes.Failed;
        }
        Console.WriteLine($"Device {bundle.DeviceRef} activated: act ID {result.Bundle.ActId} " +
            $"({result.Timings.Total.TotalMilliseconds:0} ms, {result.Rounds} round{(result.Rounds == 1 ? "" : "s")}); bundle rewritten.");
        return ExitCodes.Ok;
    }
}
