using System.Globalization;
using System.Security;
using System.Text;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// Throughput and latency over time as a self-contained SVG: completions per second of each phase
/// (top) and their p50 (dashed) and p95 latency (bottom), against seconds since the run started.
/// SVG is written as text, so the chart needs no native graphics library and diffs as text.
/// </summary>
public static class SvgChart
{
    private const int Width = 960;
    private const int PanelHeight = 240;
    private const int Left = 70;
    private const int Right = 160;
    private const int Top = 64;
    private const int Gap = 60;
    private const int MaxDottedPoints = 60;
    private static readonly string[] s_colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    public static string Render(PipelineReport report)
    {
        var phases = report.Phases.Where(p => p.TimeSeries.Count > 0).ToList();
        var lastSecond = phases.Count == 0 ? 1 : Math.Max(1, phases.Max(p => p.TimeSeries[^1].Second + 1));
        var height = Top + 2 * PanelHeight + Gap + 50;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"<text x=\"{Left}\" y=\"22\" font-size=\"15\">{Text(string.Create(CultureInfo.InvariantCulture, $"{report.Devices:#,0} devices, concurrency {report.Concurrency:#,0}, {report.TotalErrors:#,0} errors"))}</text>");

        var throughputMax = NiceCeiling(phases.SelectMany(p => p.TimeSeries).Select(t => (double)t.Completed + t.Errors).DefaultIfEmpty(1).Max());
        var latencyMax = NiceCeiling(phases.SelectMany(p => p.TimeSeries).Select(t => t.P95Ms).DefaultIfEmpty(1).Max());
        var throughputPanel = new Panel(Top, lastSecond, throughputMax);
        var latencyPanel = new Panel(Top + PanelHeight + Gap, lastSecond, latencyMax);
        Axes(svg, throughputPanel, "completions per second");
        Axes(svg, latencyPanel, "latency (ms): p95 solid, p50 dashed");

        for (var i = 0; i < phases.Count; i++)
        {
            var colour = s_colours[i % s_colours.Length];
            var series = phases[i].TimeSeries;
            Line(svg, throughputPanel, series.Select(t => (t.Second + 0.5, (double)t.Completed)), colour, dashed: false);
            var withLatency = series.Where(t => t.Completed > 0).ToList();
            Line(svg, latencyPanel, withLatency.Select(t => (t.Second + 0.5, t.P95Ms)), colour, dashed: false);
            Line(svg, latencyPanel, withLatency.Select(t => (t.Second + 0.5, t.P50Ms)), colour, dashed: true);
            var y = Top + 10 + i * 20;
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 15}\" y1=\"{y}\" x2=\"{Width - Right + 40}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 46}\" y=\"{y + 4}\">{Text(phases[i].Name)}</text>");
        }
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"<text x=\"{Left + (Width - Left - Right) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">seconds since the run started</text>");
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private sealed record Panel(int Y, int Seconds, double Max)
    {
        public double X(double second) => Left + second / Seconds * (Width - Left - Right);

        public double Yof(double value) => Y + PanelHeight - Math.Clamp(value / Max, 0, 1) * PanelHeight;
    }

    private static void Axes(StringBuilder svg, Panel panel, string title)
    {
        var x0 = Left;
        var x1 = Width - Right;
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{x0}\" y=\"{panel.Y - 8}\">{Text(title)}</text>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = panel.Max * tick / 4;
            var y = F(panel.Yof(value));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{x0}\" y1=\"{y}\" x2=\"{x1}\" y2=\"{y}\" stroke=\"#ddd\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{x0 - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">{F(value)}</text>");
        }
        var step = Math.Max(1, (int)NiceCeiling(panel.Seconds / 10.0));
        for (var second = 0; second <= panel.Seconds; second += step)
        {
            var x = F(panel.X(second));
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"<text x=\"{x}\" y=\"{panel.Y + PanelHeight + 16}\" text-anchor=\"middle\">{second}</text>");
        }
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"<rect x=\"{x0}\" y=\"{panel.Y}\" width=\"{x1 - x0}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>");
    }

    private static void Line(StringBuilder svg, Panel panel, IEnumerable<(double Second, double Value)> points, string colour, bool dashed)
    {
        var xy = points.Select(p => (X: F(panel.X(p.Second)), Y: F(panel.Yof(p.Value)))).ToList();
        if (xy.Count == 0) return;
        svg.AppendLine(CultureInfo.InvariantCulture,
            $"<polyline points=\"{string.Join(' ', xy.Select(p => $"{p.X},{p.Y}"))}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(dashed ? "1.2" : "1.8")}\"{(dashed ? " stroke-dasharray=\"4 3\"" : "")}/>");
        // A short run has too few seconds for lines to show; dots mark every measured second.
        if (xy.Count > MaxDottedPoints) return;
        foreach (var (x, y) in xy)
            svg.AppendLine(CultureInfo.InvariantCulture, $"<circle cx=\"{x}\" cy=\"{y}\" r=\"{(dashed ? 2 : 3)}\" fill=\"{(dashed ? "white" : colour)}\" stroke=\"{colour}\"/>");
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^n at or above the value, so axis ticks are round numbers.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0 || double.IsNaN(value)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (factor * magnitude >= value) return factor * magnitude;
        }
        return 10 * magnitude;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Text(string text) => SecurityElement.Escape(text);
}
