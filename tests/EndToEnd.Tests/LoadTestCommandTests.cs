using System.Text.Json;
using System.Xml.Linq;
using Kusabi.DeviceClient.Cli;
using Kusabi.DeviceClient.LoadTest;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class LoadTestCommandTests(SiloFixture silo) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kusabi-loadtest-e2e-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_small_fleet_runs_the_whole_pipeline_with_zero_errors_and_writes_all_three_reports()
    {
        var factoryToken = Path.Combine(_folder, "factory.token");
        var operatorToken = Path.Combine(_folder, "operator.token");
        await File.WriteAllTextAsync(factoryToken, silo.FactoryToken);
        await File.WriteAllTextAsync(operatorToken, silo.OperatorToken);
        var reports = Path.Combine(_folder, "reports");

        var exit = await CommandLine.InvokeAsync(
        [
            "loadtest", "--server", silo.BaseAddress.ToString(), "--devices", "20", "--concurrency", "5",
            "--token-file", factoryToken, "--operator-token-file", operatorToken, "--update-artifact-size", "2048",
            "--duration-limit", "10m", "--out", reports,
        ]);

        exit.Should().Be(ExitCodes.Ok);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, ReportFiles.JsonName)));
        var report = json.RootElement;
        report.GetProperty("totalErrors").GetInt32().Should().Be(0);
        report.GetProperty("phases").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("ok").GetInt32()))
            .Should().Equal(("factory", 20), ("activation", 20), ("update", 20), ("inventory", 20));
        // 20 pre keys, 20 act keys and 20 consumed pre keys, an art key and a release, in batches
        // (the chain is shared with the other tests, whose writes may share the run's blocks).
        var chain = report.GetProperty("chain");
        chain.GetProperty("entries").GetInt32().Should().BeGreaterThanOrEqualTo(62);
        chain.GetProperty("transactions").GetInt32().Should().BePositive();
        (await File.ReadAllTextAsync(Path.Combine(reports, ReportFiles.MarkdownName))).Should().Contain("| inventory | 20 | 20 | 20 | 0 | 0 |");
        XDocument.Load(Path.Combine(reports, ReportFiles.ChartName)).Root!.Name.LocalName.Should().Be("svg");
    }
}
