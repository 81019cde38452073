using System.CommandLine;
using System.Text.Json;
using Kusabi.Operator;
using Kusabi.Protocol.Identity;

namespace Kusabi.Operator.Cli;

/// <summary>`deploy start|status|halt`: a forced OTA of an anchored release, to a list of devices or to all of the product, in waves.</summary>
public static class DeployCommand
{
    public static Command Create()
    {
        var command = new Command("deploy", "Start, follow or halt a forced update of devices to an anchored release.");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(DeploymentCommand.Status());
        command.Subcommands.Add(DeploymentCommand.Halt());
        return command;
    }

    private static Command Start()
    {
        var product = new Option<string>("--product") { Description = "Product to update", Required = true, HelpName = "P" };
        var version = CliOptions.Validated(
            new Option<ulong>("--version") { Description = "The anchored release version to install", Required = true, HelpName = "N" },
            v => v > 0 ? null : "--version must be a positive integer.");
        var devices = CliOptions.FileOption("--devices", "Device refs to update: one hex per line, or a JSON array", required: false);
        var all = new Option<bool>("--all") { Description = "Update every device of the product" };
        var waveSize = CliOptions.Validated(new Option<int?>("--wave-size") { Description = "Devices per wave", HelpName = "N" },
            n => n is null or >= 1 ? null : "--wave-size must be at least 1.");
        var wavePercent = CliOptions.Validated(new Option<int?>("--wave-percent") { Description = "Percent of the devices per wave (1–100)", HelpName = "P" },
            p => p is null or (>= 1 and <= 100) ? null : "--wave-percent must be between 1 and 100.");
        var threshold = CliOptions.Bounded("--failure-threshold", "Halt when this percent of a wave fails", 0, 100, 10);
        var server = new ServerOptions();
        var watch = new Option<bool>("--watch") { Description = "Follow progress until the deployment completes or halts" };
        var timeout = CliOptions.Timeout(TimeSpan.FromHours(1));
        var command = new Command("start", "Start a forced update of devices to an anchored release.")
        {
            product, version, devices, all, waveSize, wavePercent, threshold, watch, timeout,
        };
        server.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(devices) is null) != result.GetValue(all))
                result.AddError("Name the devices to update with exactly one of --devices FILE or --all.");
            if (result.GetValue(waveSize) is not null && result.GetValue(wavePercent) is not null)
                result.AddError("Give at most one of --wave-size and --wave-percent.");
        });
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var targets = parse.GetValue(devices) is { } file ? ReadDevices(file) : null;
            var request = new DeploymentRequest(parse.GetValue(product)!, parse.GetValue(version), targets is null ? DeploymentRequest.TargetAll : null,
                targets, parse.GetValue(waveSize), parse.GetValue(wavePercent), parse.GetValue(threshold));
            var (client, http) = server.Open(parse);
            using var _ = http;
            var started = await client.StartDeploymentAsync(request, cancellationToken);
            Console.WriteLine($"Deployment {started.Id} started: {request.Product} v{request.Version} to {(targets is null ? "all devices" : $"{targets.Count} devices")}.");
            return parse.GetValue(watch) ? await WatchAsync(client, started.Id, parse.GetValue(timeout), cancellationToken) : ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>Completed is success; halted, or --timeout before the end, is a failure.</summary>
    public static async Task<int> WatchAsync(OperatorClient client, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        DeploymentStatus final;
        try
        {
            final = await new DeploymentWatcher(client).WatchAsync(id, deadline.Token);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"--timeout {timeout} elapsed before deployment {id} completed; it keeps running on the server.", e);
        }
        Console.WriteLine($"Deployment {final.Id} {final.State}: {DeploymentWatcher.Line(final)}");
        return final.State == DeploymentStatus.Completed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>One device ref (64 hex) per line (blank lines and # comments skipped), or a JSON array of them.</summary>
    public static IReadOnlyList<string> ReadDevices(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--devices '{path}' cannot be read: {e.Message}");
        }
        IEnumerable<string> entries;
        try
        {
            entries = text.TrimStart().StartsWith('[')
                ? JsonSerializer.Deserialize<string[]>(text) ?? []
                : text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        }
        catch (JsonException e)
        {
            throw new UsageException($"--devices '{path}' is not a JSON array of device refs: {e.Message}");
        }
        var refs = new List<string>();
        foreach (var entry in entries)
        {
            if (!DeviceRef.TryParse(entry, out var device)) throw new UsageException($"--devices '{path}': '{entry}' is not a device ref (64 hexadecimal characters).");
            refs.Add(device.ToString());
        }
        return refs.Count > 0 ? refs.Distinct().ToList() : throw new UsageException($"--devices '{path}' names no device.");
    }
}
