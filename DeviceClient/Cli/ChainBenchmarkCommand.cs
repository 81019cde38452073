using System.CommandLine;
using System.Globalization;
using Kusabi.DeviceClient.LoadTest;

namespace Kusabi.DeviceClient.Cli;

/// <summary>`bench-chain`: registrations per second, one entry per transaction vs batched, on a fresh anvil.</summary>
public static class ChainBenchmarkCommand
{
    public static Command Create()
    {
        var entries = new Option<int>("--entries") { Description = "Registrations per run", DefaultValueFactory = _ => 2000 };
        var blockTimes = new Option<string>("--block-times") { Description = "Comma-separated block periods in seconds", DefaultValueFactory = _ => "1,0.2" };
        var output = new Option<string>("--output") { Description = "Where to write the JSON results", DefaultValueFactory = _ => "artifacts/bench-chain.json" };
        var command = new Command("bench-chain", "Measure registrations per second, single vs batched, at several block times.") { entries, blockTimes, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(entries);
            if (count is < 1 or > 100_000)
            {
                await Console.Error.WriteLineAsync("--entries must be between 1 and 100000.");
                return 2;
            }
            if (!TryParseBlockTimes(parse.GetValue(blockTimes)!, out var periods))
            {
                await Console.Error.WriteLineAsync("--block-times must be positive numbers of seconds, e.g. 1,0.2.");
                return 2;
            }
            var results = await ChainBenchmark.RunAsync(count, periods, Console.Out, cancellationToken);
            await BenchmarkReport.WriteJsonAsync(parse.GetValue(output)!, results, cancellationToken);
            return 0;
        });
        return command;
    }

    private static bool TryParseBlockTimes(string text, out List<TimeSpan> periods)
    {
        periods = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 60) return false;
            periods.Add(TimeSpan.FromSeconds(seconds));
        }
        return periods.Count > 0;
    }
}
