using System.CommandLine;
using Kusabi.DeviceClient.Device;

namespace Kusabi.DeviceClient.Cli;

/// <summary>
/// `device run|inventory`: an activated device's update agent, with its simulated firmware kept
/// beside the bundle (<c>F.firmware.json</c>, image <c>F.firmware.bin</c>).
/// </summary>
public static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Run an activated device: its update agent and inventory reports.");
        command.Subcommands.Add(Run());
        command.Subcommands.Add(Inventory());
        return command;
    }

    private static Command Run()
    {
        var options = new DeviceOptions();
        var polls = CliOptions.Bounded("--polls", "Polls of GET /v1/device/update before stopping", 1, 1_000_000, 10);
        var untilUpdated = new Option<bool>("--until-updated") { Description = "Stop once an update is installed and inventoried, or refused" };
        var timeout = CliOptions.Timeout(TimeSpan.FromMinutes(10));
        var pollInterval = new Option<int?>("--poll-interval")
        {
            Description = $"Seconds between polls ({UpdateAgentOptions.MinPollSeconds}–{UpdateAgentOptions.MaxPollSeconds}); default: what the server suggests",
            HelpName = "SECONDS",
        };
        pollInterval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } given && given is < UpdateAgentOptions.MinPollSeconds or > UpdateAgentOptions.MaxPollSeconds)
                result.AddError($"--poll-interval must be between {UpdateAgentOptions.MinPollSeconds} and {UpdateAgentOptions.MaxPollSeconds} seconds; got {given}.");
        });
        var rpcUrl = new Option<string?>("--rpc-url")
        {
            Description = "A chain node to read art key status and the release anchor from directly (the bundle's contract address and chain ID)",
            HelpName = "URL",
        };
        var command = new Command("run", "Poll for updates; verify, download, install and report them; send the inventory.") { polls, untilUpdated, timeout, pollInterval, rpcUrl };
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var (bundle, firmware) = options.Open(parse);
            using var http = KusabiHttp.CreateClient(2);
            using var chain = OpenChain(parse.GetValue(rpcUrl), bundle);
            var agentOptions = new UpdateAgentOptions
            {
                StopAfterUpdate = parse.GetValue(untilUpdated),
                PollInterval = parse.GetValue(pollInterval) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Chain = chain,
            };
            var agent = new UpdateAgent(new DeviceApiClient(new KusabiApiClient(http, bundle.ServerUrl), bundle), firmware, agentOptions)
            {
                OnEvent = e => Console.WriteLine(e),
            };
            Console.WriteLine($"Device {bundle.DeviceRef} (act ID {bundle.ActId}) runs {firmware.Running}.");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(parse.GetValue(timeout));
            var run = await agent.RunAsync(parse.GetValue(polls), deadline.Token);
            if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
            var refused = run.Attempts.Count(a => a.Outcome == UpdateOutcome.Refused);
            var nonCompliant = run.LastVerdict is { Compliant: false };
            Console.WriteLine($"Stopped after {run.Polls} poll(s){(run.Cancelled ? " (--timeout)" : "")}: {run.Attempts.Count(a => a.Succeeded)} installed, " +
                $"{refused} refused, {run.Errors.Count} error(s); running {agent.Firmware.Running}" +
                (run.LastVerdict is { } v ? $"; inventory {(v.Compliant ? "compliant" : "NOT compliant")}" : "") + ".");
            return refused > 0 || nonCompliant ? ExitCodes.Failed : ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static RegistryReleaseChain? OpenChain(string? rpcUrl, DeviceBundle bundle)
    {
        if (rpcUrl is null) return null;
        if (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new UsageException($"--rpc-url must be an http:// or https:// URL; got '{rpcUrl}'.");
        if (bundle.ContractAddress is not { } contract)
            throw new UsageException("--rpc-url needs the registry's address, and this device bundle records none.");
        return new RegistryReleaseChain(url, contract, bundle.ChainId ?? 31337);
    }

    private static Command Inventory()
    {
        var options = new DeviceOptions();
        var command = new Command("inventory", "Send the device's inventory now (over a fresh server nonce) and print the verdict.");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var (bundle, firmware) = options.Open(parse);
            using var http = KusabiHttp.CreateClient(1);
            var agent = new UpdateAgent(new DeviceApiClient(new KusabiApiClient(http, bundle.ServerUrl), bundle), firmware) { OnEvent = e => Console.WriteLine(e) };
            var verdict = await agent.SendInventoryAsync(cancellationToken);
            return verdict.Compliant ? ExitCodes.Ok : ExitCodes.Failed;
        }, cancellationToken));
        return command;
    }

    /// <summary>The options every device command shares: the bundle, and what its firmware is when first created.</summary>
    private sealed class DeviceOptions
    {
        private readonly Option<string> _bundle = CliOptions.FileOption("--bundle", "The activated device's bundle; firmware state is kept in <bundle>.firmware.json");
        private readonly Option<string?> _product = new("--product") { Description = "The device's product (needed when its firmware file does not exist yet)", HelpName = "P" };
        private readonly Option<string?> _hardware = new("--hardware") { Description = "The device's hardware (needed when its firmware file does not exist yet)", HelpName = "H" };
        private readonly Option<string[]> _extra = new("--extra-inventory")
        {
            Description = "An extra or overriding inventory item to report (to simulate a mismatch); repeatable",
            HelpName = "ITEM=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(_bundle);
            command.Options.Add(_product);
            command.Options.Add(_hardware);
            command.Options.Add(_extra);
        }

        public (DeviceBundle Bundle, SimulatedFirmware Firmware) Open(ParseResult parse)
        {
            var path = parse.GetValue(_bundle)!;
            var bundle = DeviceBundleFile.Load(path);
            if (!bundle.IsActivated) throw new UsageException($"Device bundle '{path}' is not activated yet; run 'activate --bundle {path}' first.");
            var firmware = SimulatedFirmware.Open(SimulatedFirmware.StatePathFor(path), parse.GetValue(_product), parse.GetValue(_hardware));
            foreach (var item in parse.GetValue(_extra) ?? [])
            {
                var eq = item.IndexOf('=');
                if (eq <= 0) throw new UsageException($"--extra-inventory must be ITEM=VALUE; got '{item}'.");
                firmware.ExtraInventory[item[..eq]] = item[(eq + 1)..];
            }
            return (bundle, firmware);
        }
    }
}
