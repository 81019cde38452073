using System.CommandLine;

namespace Kusabi.Operator.Cli;

/// <summary>`deploy status|halt`: look at or stop a running deployment.</summary>
public static class DeploymentCommand
{
    public static Command Status()
    {
        var (id, server) = Common();
        var watch = new Option<bool>("--watch") { Description = "Follow progress until the deployment completes or halts" };
        var timeout = CliOptions.Timeout(TimeSpan.FromHours(1));
        var json = CliOptions.Json();
        var command = new Command("status", "Print a deployment's progress.") { id, watch, timeout, json };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var (client, http) = server.Open(parse);
            using var _ = http;
            if (parse.GetValue(watch)) return await DeployCommand.WatchAsync(client, parse.GetValue(id)!, parse.GetValue(timeout), cancellationToken);
            var status = await client.GetDeploymentAsync(parse.GetValue(id)!, cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? Output.Json(status) : $"Deployment {status.Id}: {status.Product} v{status.Version}, {DeploymentWatcher.Line(status)}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    public static Command Halt()
    {
        var (id, server) = Common();
        var command = new Command("halt", "Halt a deployment: no further devices are assigned.") { id };
        server.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var (client, http) = server.Open(parse);
            using var _ = http;
            await client.HaltDeploymentAsync(parse.GetValue(id)!, cancellationToken);
            Console.WriteLine($"Deployment {parse.GetValue(id)} halted.");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static (Option<string> Id, ServerOptions Server) Common() =>
        (new Option<string>("--id") { Description = "The deployment's id", Required = true, HelpName = "ID" }, new ServerOptions());
}
