using System.CommandLine;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Operator;

namespace Kusabi.DeviceClient.Cli;

/// <summary>`deployment status|halt`: look at or stop a running deployment.</summary>
public static class DeploymentCommand
{
    public static Command Create()
    {
        var command = new Command("deployment", "Show or halt a deployment started with 'deploy'.");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Halt());
        return command;
    }

    private static Command Status()
    {
        var (id, server, tokenFile) = Common();
        var watch = new Option<bool>("--watch") { Description = "Follow progress until the deployment completes or halts" };
        var timeout = CliOptions.Timeout(TimeSpan.FromHours(1));
        var command = new Command("status", "Print a deployment's progress.") { id, server, tokenFile, watch, timeout };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var http = KusabiHttp.CreateClient(1);
            var client = Client(http, parse.GetValue(server)!, parse.GetValue(tokenFile)!);
            if (parse.GetValue(watch)) return await DeployCommand.WatchAsync(client, parse.GetValue(id)!, parse.GetValue(timeout), cancellationToken);
            var status = await client.GetDeploymentAsync(parse.GetValue(id)!, cancellationToken);
            Console.WriteLine($"Deployment {status.Id}: {status.Product} v{status.Version}, {DeploymentWatcher.Line(status)}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static Command Halt()
    {
        var (id, server, tokenFile) = Common();
        var command = new Command("halt", "Halt a deployment: no further devices are assigned.") { id, server, tokenFile };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var http = KusabiHttp.CreateClient(1);
            await Client(http, parse.GetValue(server)!, parse.GetValue(tokenFile)!).HaltDeploymentAsync(parse.GetValue(id)!, cancellationToken);
            Console.WriteLine($"Deployment {parse.GetValue(id)} halted.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static (Option<string> Id, Option<string> Server, Option<string> TokenFile) Common() =>
        (new Option<string>("--id") { Description = "The deployment's id", Required = true, HelpName = "ID" }, CliOptions.Server(), CliOptions.OperatorTokenFile());

    private static OperatorClient Client(HttpClient http, string server, string tokenFile) =>
        new(new KusabiApiClient(http, CliOptions.ParseServer(server)), CliOptions.ReadToken(tokenFile));
}
