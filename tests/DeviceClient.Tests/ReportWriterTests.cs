using System.Text.Json;
using System.Xml.Linq;
using Kusabi.DeviceClient.LoadTest;
using Kusabi.DeviceClient.Tests.Support;

namespace Kusabi.DeviceClient.Tests;

public sealed class ReportWriterTests
{
    [Fact]
    public void The_json_report_has_per_phase_counts_errors_throughput_latency_and_time_series()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(SampleReports.Small(), BenchmarkReport.Json));
        var root = json.RootElement;
        var activation = root.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "activation");

        root.GetProperty("schema").GetString().Should().Be(PipelineReport.SchemaName);
        root.GetProperty("totalErrors").GetInt32().Should().Be(1);
        activation.GetProperty("count").GetInt32().Should().Be(10);
        activation.GetProperty("ok").GetInt32().Should().Be(9);
        activation.GetProperty("errors").GetProperty("invalid-signature").GetInt32().Should().Be(1);
        activation.GetProperty("throughputPerSecond").GetDouble().Should().Be(4.5);
        activation.GetProperty("latency").GetProperty("p50Ms").GetDouble().Should().Be(500);
        activation.GetProperty("latency").GetProperty("p99Ms").GetDouble().Should().Be(900);
        activation.GetProperty("latency").GetProperty("maxMs").GetDouble().Should().Be(900);
        activation.GetProperty("timeSeries").EnumerateArray().Select(p => p.GetProperty("completed").GetInt32()).Should().Equal(2, 5, 2);
        activation.GetProperty("timeSeries")[2].GetProperty("errors").GetInt32().Should().Be(1);
    }

    [Fact]
    public void The_json_report_carries_the_chain_transactions_and_entries_per_transaction()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(SampleReports.Small(), BenchmarkReport.Json));
        var chain = json.RootElement.GetProperty("chain");

        chain.GetProperty("transactions").GetInt32().Should().Be(4);
        chain.GetProperty("entries").GetInt32().Should().Be(22);
        chain.GetProperty("entriesPerTransaction").GetDouble().Should().Be(5.5);
        chain.GetProperty("blocks").GetInt32().Should().Be(5);
    }

    [Fact]
    public void The_markdown_report_has_a_row_per_phase_with_the_same_figures()
    {
        var markdown = MarkdownReport.Render(SampleReports.Small(), "report.svg");

        markdown.Should().Contain("| activation | 10 | 10 | 9 | 1 | 0 | 2.0 | 4.5 | 500.0 | 900.0 | 900.0 | 900.0 |");
        markdown.Should().Contain("| factory | 4 | 4 | 4 | 0 | 0 | 0.3 | 13.3 | 300.0 | 300.0 | 300.0 | 300.0 |");
        markdown.Should().Contain("| activation | act-key | 1 | 40.0 |");
        markdown.Should().Contain("![throughput and latency over time](report.svg)");
    }

    [Fact]
    public void The_markdown_report_lists_errors_by_code_with_table_pipes_escaped()
    {
        var markdown = MarkdownReport.Render(SampleReports.Small());

        markdown.Should().Contain("| activation | invalid-signature | 1 | The confirmation's signature \\| does not verify. |");
        MarkdownReport.Render(SampleReports.Small(activationError: null)).Should().Contain("## Errors by code\n\nNone.".ReplaceLineEndings());
    }

    [Fact]
    public void The_markdown_report_names_recovered_failures_apart_from_errors()
    {
        var report = SampleReports.Small(activationError: null);
        report = report with { Phases = [report.Phases[0], report.Phases[1] with { Recovered = new Dictionary<string, int> { ["session-restarted"] = 3 } }] };

        MarkdownReport.Render(report).Should().Contain("Recovered (retried, then succeeded; not errors): activation session-restarted: 3.");
    }

    [Fact]
    public void The_markdown_report_shows_the_chain_table()
    {
        var markdown = MarkdownReport.Render(SampleReports.Small());

        markdown.Should().Contain("| registry transactions | 4 |").And.Contain("| entries per transaction | 5.5 (max 10) |").And.Contain("| blocks | 3–7 (5) |");
    }

    [Fact]
    public void Without_chain_figures_the_markdown_says_why()
    {
        var report = SampleReports.Small() with { Chain = null, ChainNote = "GET /health failed" };

        MarkdownReport.Render(report).Should().Contain("Not measured: GET /health failed.");
    }

    [Fact]
    public void The_chart_is_well_formed_svg_with_a_throughput_and_latency_line_per_phase()
    {
        var svg = XDocument.Parse(SvgChart.Render(SampleReports.Small()));
        XNamespace ns = "http://www.w3.org/2000/svg";

        svg.Root!.Name.Should().Be(ns + "svg");
        // Per phase: throughput, p95 and p50 lines.
        svg.Descendants(ns + "polyline").Should().HaveCount(6);
        svg.Descendants(ns + "text").Select(t => t.Value).Should().Contain(["factory", "activation"]);
    }

    [Fact]
    public void The_chart_escapes_text_and_stays_well_formed_with_no_data()
    {
        var report = SampleReports.Small() with { Phases = [PhaseReport.From("<odd & name>", 3, [new OperationSample(0.5, 1, null)], 0, 1)] };
        var empty = SampleReports.Small() with { Phases = [] };

        XDocument.Parse(SvgChart.Render(report)).Descendants().Select(e => e.Value).Should().Contain("<odd & name>");
        XDocument.Parse(SvgChart.Render(empty)).Root!.Name.LocalName.Should().Be("svg");
    }

    [Theory]
    [InlineData(0.3, 0.5)]
    [InlineData(7, 10)]
    [InlineData(180, 200)]
    [InlineData(2400, 2500)]
    [InlineData(0, 1)]
    public void Axis_maxima_are_round_numbers(double value, double expected) => SvgChart.NiceCeiling(value).Should().Be(expected);

    [Fact]
    public async Task Writing_a_report_makes_json_markdown_and_svg_files_in_the_folder()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "run-1");

        var files = await ReportFiles.WriteAsync(target, SampleReports.Small(), CancellationToken.None);

        files.Select(Path.GetFileName).Should().Equal(ReportFiles.JsonName, ReportFiles.MarkdownName, ReportFiles.ChartName);
        JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(target, ReportFiles.JsonName))).RootElement.GetProperty("devices").GetInt32().Should().Be(10);
        (await File.ReadAllTextAsync(Path.Combine(target, ReportFiles.MarkdownName))).Should().StartWith("# Load test");
        XDocument.Load(Path.Combine(target, ReportFiles.ChartName)).Root!.Name.LocalName.Should().Be("svg");
    }

    [Fact]
    public void The_default_folder_is_artifacts_loadtest_and_the_utc_start_time() =>
        ReportFiles.DefaultFolder(new DateTimeOffset(2026, 12, 4, 13, 5, 9, TimeSpan.FromHours(1)))
            .Should().Be(Path.Combine("artifacts", "loadtest", "20261204T120509Z"));
}
