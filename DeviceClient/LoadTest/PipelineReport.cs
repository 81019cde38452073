using System.Runtime;
using System.Runtime.InteropServices;

namespace Kusabi.DeviceClient.LoadTest;

/// <summary>Where the load generator ran, so figures from different machines are not compared blindly.</summary>
public sealed record MachineInfo(int ProcessorCount, string Runtime, string OperatingSystem, bool ServerGc)
{
    public static MachineInfo Current() =>
        new(Environment.ProcessorCount, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, GCSettings.IsServerGC);
}

/// <summary>
/// The report of a full-pipeline load test (factory → activation → update → inventory), written as
/// JSON, Markdown and a chart by <see cref="ReportFiles"/>.
/// </summary>
public sealed record PipelineReport(
    DateTimeOffset StartedAt,
    string Server,
    int Devices,
    int Concurrency,
    long? ArtifactBytes,
    double DurationLimitSeconds,
    bool StoppedByDurationLimit,
    double WallSeconds,
    MachineInfo Machine,
    IReadOnlyList<PhaseReport> Phases,
    ChainUsage? Chain,
    string? ChainNote)
{
    /// <summary>CPU the load generator itself used during the run (all its threads), in seconds: on a shared machine, its share of the cores.</summary>
    public double LoadGeneratorCpuSeconds { get; init; }

    public const string SchemaName = "kusabi-loadtest/1";

    public string Schema => SchemaName;

    /// <summary>Failed operations over every phase (unfinished ones are not failures).</summary>
    public int TotalErrors => Phases.Sum(p => p.ErrorCount);

    public PhaseReport? Phase(string name) => Phases.FirstOrDefault(p => p.Name == name);
}
