using System.CommandLine;

namespace Kusabi.Operator.Cli;

/// <summary>`fleet summary`: device counts per phase, quarantines, clone alerts and the chain head.</summary>
public static class FleetCommand
{
    public static Command Create()
    {
        var command = new Command("fleet", "The fleet as a whole.");
        var server = new ServerOptions();
        var json = CliOptions.Json();
        var summary = new Command("summary", "Device counts per phase, quarantined devices, clone alerts, chain head.") { json };
        server.AddTo(summary);
        summary.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            using var connection = server.Connect(parse);
            var answer = await connection.Fleet.SummaryAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(Output.Json(answer));
                return ExitCodes.Ok;
            }
            var f = answer.Fleet;
            Console.WriteLine($"devices:       {f.Total}");
            foreach (var (phase, count) in f.ByPhase) Console.WriteLine($"  {phase,-12} {count}");
            Console.WriteLine($"quarantined:   {f.Quarantined}");
            Console.WriteLine($"clone alerts:  {f.CloneAlerts}");
            Console.WriteLine($"chain head:    {answer.Chain.HeadBlock?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unreachable"} (registry {answer.Chain.Contract})");
            return ExitCodes.Ok;
        }, cancellationToken));
        command.Subcommands.Add(summary);
        return command;
    }
}
