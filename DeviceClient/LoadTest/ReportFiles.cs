using System.Text.Json;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>The three files of a load-test report, written side by side in one folder.</summary>
public static class ReportFiles
{
    public const string JsonName = "report.json";
    public const string MarkdownName = "report.md";
    public const string ChartName = "report.svg";

    /// <summary>The default folder: artifacts/loadtest/&lt;UTC timestamp&gt;/ under the current directory.</summary>
    public static string DefaultFolder(DateTimeOffset startedAt) =>
        Path.Combine("artifacts", "loadtest", startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<IReadOnlyList<string>> WriteAsync(string folder, PipelineReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, JsonName);
        var markdown = Path.Combine(folder, MarkdownName);
        var chart = Path.Combine(folder, ChartName);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, BenchmarkReport.Json), cancellationToken);
        await File.WriteAllTextAsync(markdown, MarkdownReport.Render(report, ChartName), cancellationToken);
        await File.WriteAllTextAsync(chart, SvgChart.Render(report), cancellationToken);
        return [json, markdown, chart];
    }
}
