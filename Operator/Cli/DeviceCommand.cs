using System.CommandLine;
using Kusabi.Client;
using Kusabi.Operator.Fleet;
using Kusabi.Protocol.Activation;

namespace Kusabi.Operator.Cli;

/// <summary>`device show|revoke|quarantine|release`: one device, named by its reference or one of its kusabi-IDs.</summary>
public static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Look at or act on one device.");
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(Quarantine("quarantine", true, "Quarantine a device: it gets no updates until released."));
        command.Subcommands.Add(Quarantine("release", false, "Release a device from quarantine."));
        return command;
    }

    private static Argument<string> DeviceArgument() => new("device")
    {
        Description = "Device reference, or a kusabi-ID of one of its keys (64 hex)",
        Validators =
        {
            result =>
            {
                var text = result.GetValueOrDefault<string>();
                if (text is not { Length: 64 } || !text.All(Uri.IsHexDigit)) result.AddError($"The device must be 64 hexadecimal characters (a device reference or kusabi-ID); got '{text}'.");
            },
        },
    };

    private static Command Show()
    {
        var device = DeviceArgument();
        var json = CliOptions.Json();
        var server = new ServerOptions();
        var command = new Command("show", "A device's phase, keys with their on-chain status, timeline, release and inventory.") { device, json };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var connection = server.Connect(parse);
            var detail = await FindAsync(connection.Fleet, parse.GetValue(device)!, cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? Output.Json(detail) : DeviceDetailText.Write(detail));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke()
    {
        var device = DeviceArgument();
        var reason = new Option<string>("--reason") { Description = "Why (kept in the device's timeline)", Required = true, HelpName = "TEXT" };
        reason.Validators.Add(r => { if (r.GetValueOrDefault<string>() is not { Length: > 0 and <= 200 }) r.AddError("--reason must be 1–200 characters."); });
        var server = new ServerOptions();
        var command = new Command("revoke", "Revoke every active key of the device on chain, in one transaction.") { device, reason };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var connection = server.Connect(parse);
            var deviceRef = (await FindAsync(connection.Fleet, parse.GetValue(device)!, cancellationToken)).Device.DeviceRef;
            var detail = await connection.Fleet.RevokeDeviceAsync(deviceRef, parse.GetValue(reason)!, cancellationToken);
            var revoked = detail.Device.Timeline.LastOrDefault(e => e.Kind == "revoked");
            Console.WriteLine($"Device {deviceRef} revoked" + (revoked?.Transaction is { } tx ? $" in block {revoked.Block}, transaction {tx}." : " (no key was still active)."));
            foreach (var key in detail.Keys) Console.WriteLine($"  {key.Role,-12} {key.Id} {key.Status}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Quarantine(string name, bool quarantined, string description)
    {
        var device = DeviceArgument();
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the device's timeline)", HelpName = "TEXT" };
        var server = new ServerOptions();
        var command = new Command(name, description) { device, reason };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var connection = server.Connect(parse);
            var deviceRef = (await FindAsync(connection.Fleet, parse.GetValue(device)!, cancellationToken)).Device.DeviceRef;
            var view = await connection.Fleet.SetQuarantineAsync(deviceRef, quarantined, parse.GetValue(reason), cancellationToken);
            Console.WriteLine($"Device {deviceRef} {(view.Quarantined ? "is quarantined" : "is not quarantined")}.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>By device reference first; failing that, the one device holding that kusabi-ID.</summary>
    /// <exception cref="KusabiApiException">404 when neither finds a device.</exception>
    public static async Task<DeviceDetail> FindAsync(FleetClient fleet, string hex, CancellationToken cancellationToken)
    {
        var text = hex.ToLowerInvariant();
        try
        {
            return await fleet.DeviceAsync(text, cancellationToken);
        }
        catch (KusabiApiException e) when (e.Status == 404)
        {
            var page = await fleet.ListAsync(new FleetListQuery(Search: text, PageSize: 10), cancellationToken);
            var holder = page.Devices.FirstOrDefault(d => d.PreId == text || d.ActId == text || d.PendingActId == text)
                ?? throw new KusabiApiException(404, ProblemCodes.UnknownDevice, "Unknown device", $"No device has reference or kusabi-ID {text}.");
            return await fleet.DeviceAsync(holder.DeviceRef, cancellationToken);
        }
    }
}
