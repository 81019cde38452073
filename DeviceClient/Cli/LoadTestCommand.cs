using System.CommandLine;
using System.Globalization;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.LoadTest;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.Cli;

/// <summary>
/// `loadtest`: the full pipeline for N in-memory devices, C at a time: factory registration,
/// activation, and (with an operator token) an update of every activated device and its signed
/// inventory. Writes report.json, report.md and report.svg to --out; exit 0 only with zero errors.
/// </summary>
public static class LoadTestCommand
{
    public static Command Create()
    {
        var devices = CliOptions.Bounded("--devices", "Devices to run through the pipeline", 1, FleetSimulator.MaxDevices, PipelineOptions.DefaultDevices);
        var concurrency = CliOptions.Bounded("--concurrency", "Devices in flight (and connections)", 1, FleetSimulator.MaxConcurrency, PipelineOptions.DefaultConcurrency);
        var server = CliOptions.Server();
        var tokenFile = CliOptions.TokenFile();
        var operatorTokenFile = CliOptions.OperatorTokenFile("--operator-token-file", required: false);
        operatorTokenFile.Description = "Operator bearer token; with it the update and inventory phases run (e.g. .kusabi/operator.token)";
        var artifactSize = CliOptions.Validated(
            new Option<long>("--update-artifact-size")
            {
                Description = $"Size of the firmware the update phase publishes (1–{UpdateRollout.MaxArtifactSize})",
                HelpName = "BYTES",
                DefaultValueFactory = _ => PipelineOptions.DefaultArtifactBytes,
            },
            n => n is >= 1 and <= UpdateRollout.MaxArtifactSize ? null : $"--update-artifact-size must be between 1 and {UpdateRollout.MaxArtifactSize}; got {n}.");
        var durationLimit = CliOptions.Duration("--duration-limit", "Stop after this long and report what completed, e.g. 90s, 10m", TimeSpan.FromMinutes(30), "--timeout");
        var outFolder = new Option<string?>("--out") { Description = "Folder for report.json, report.md and report.svg (default artifacts/loadtest/<UTC timestamp>/)", HelpName = "DIR" };
        var json = new Option<string?>("--json") { Description = "Also write the JSON report to this file", HelpName = "FILE" };
        var rpcUrl = new Option<string?>("--rpc-url") { Description = "Chain JSON-RPC URL for the transaction counts (default: the one GET /health names)", HelpName = "URL" };
        var contract = new Option<string?>("--contract") { Description = "Registry address for the transaction counts (default: the one GET /health names)", HelpName = "ADDRESS" };
        var command = new Command("loadtest", "Run factory → activation → update → inventory for a simulated fleet against a running server and write reports.")
        {
            devices, concurrency, server, tokenFile, operatorTokenFile, artifactSize, durationLimit, outFolder, json, rpcUrl, contract,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(() =>
        {
            var options = new PipelineOptions
            {
                Devices = parse.GetValue(devices),
                Concurrency = parse.GetValue(concurrency),
                DurationLimit = parse.GetValue(durationLimit),
                FactoryToken = CliOptions.ReadToken(parse.GetValue(tokenFile)!),
                OperatorToken = parse.GetValue(operatorTokenFile) is { } path ? CliOptions.ReadToken(path) : null,
                ArtifactBytes = parse.GetValue(artifactSize),
                RpcUrl = parse.GetValue(rpcUrl),
                Contract = parse.GetValue(contract),
                Progress = (name, total) => new ProgressBar(name.PadRight(16), total),
            };
            return RunAsync(CliOptions.ParseServer(parse.GetValue(server)!), options, parse.GetValue(outFolder), parse.GetValue(json), cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Uri server, PipelineOptions options, string? outFolder, string? json, CancellationToken cancellationToken)
    {
        using var http = KusabiHttp.CreateClient(Math.Max(options.Concurrency, FactoryClient.DefaultParallelism));
        // The chain's log queries answer far more than the device API's response bound.
        using var chainHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        var runner = new PipelineRunner(new KusabiApiClient(http, server), chainHttp, options);
        var report = await runner.RunAsync(cancellationToken);
        // Written even after Ctrl-C or the duration limit: a partial report is still a measurement.
        var folder = outFolder ?? ReportFiles.DefaultFolder(report.StartedAt);
        foreach (var file in await ReportFiles.WriteAsync(folder, report, CancellationToken.None)) Console.WriteLine($"report written to {file}");
        if (json is not null) await BenchmarkReport.WriteJsonAsync(json, report, CancellationToken.None);
        WriteSummary(report, Console.Out);
        if (cancellationToken.IsCancellationRequested) return ExitCodes.Cancelled;
        return report.TotalErrors == 0 && report.Phases.Any(p => p.Ok > 0) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void WriteSummary(PipelineReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var p in report.Phases)
        {
            output.WriteLine(string.Create(c,
                $"{p.Name,-10} {p.Ok,7}/{p.Planned,-7} ok  {p.ErrorCount,5} errors  {p.Unfinished,5} unfinished  {p.ThroughputPerSecond,8:0.0}/s  {p.Latency}"));
            foreach (var (kind, count) in p.Recovered) output.WriteLine(string.Create(c, $"{"",-10} recovered {kind}: {count}"));
            foreach (var (code, count) in p.Errors)
                output.WriteLine(string.Create(c, $"{"",-10} error {code}: {count} ({p.ErrorExamples.GetValueOrDefault(code, "")})"));
        }
        output.WriteLine(report.Chain is { } chain
            ? string.Create(c, $"chain      {chain.Transactions} registry transactions in blocks {chain.FromBlock}–{chain.ToBlock}, {chain.Entries} entries ({chain.EntriesPerTransaction:0.0}/tx)")
            : $"chain      not measured: {report.ChainNote}");
        if (report.StoppedByDurationLimit) output.WriteLine(string.Create(c, $"stopped    at the duration limit ({report.DurationLimitSeconds:0} s); unfinished operations are not errors"));
    }
}
