using System.Diagnostics.Metrics;

namespace Kusabi.Silo.Telemetry;

/// <summary>The API's own instruments: refusals by problem code (never by device or credential).</summary>
public static class SiloMetrics
{
    public const string MeterName = "Kusabi.Silo";
    public const string ProblemCodeTag = "kusabi.problem.code";
    public const string StatusCodeTag = "http.response.status_code";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly Counter<long> s_problems = s_meter.CreateCounter<long>(
        "kusabi.api.problems", "{response}", "Problem responses sent, by problem code and HTTP status");

    public static void CountProblem(string code, int status) =>
        s_problems.Add(1, new KeyValuePair<string, object?>(ProblemCodeTag, code), new KeyValuePair<string, object?>(StatusCodeTag, status));
}
