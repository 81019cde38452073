namespace Kusabi.DeviceClient.LoadTest;

/// <summary>
/// What a full-pipeline load test runs: <see cref="Devices"/> devices, <see cref="Concurrency"/>
/// at a time, stopped after <see cref="DurationLimit"/>. The update and inventory phases run when an
/// operator token is given (it publishes and deploys the release).
/// </summary>
public sealed record PipelineOptions
{
    public const int DefaultDevices = 10_000;
    public const int DefaultConcurrency = 1_000;
    public const long DefaultArtifactBytes = 4_096;

    public int Devices { get; init; } = DefaultDevices;
    public int Concurrency { get; init; } = DefaultConcurrency;
    public TimeSpan DurationLimit { get; init; } = TimeSpan.FromMinutes(30);
    public required string FactoryToken { get; init; }
    public string? OperatorToken { get; init; }
    public long ArtifactBytes { get; init; } = DefaultArtifactBytes;

    /// <summary>JSON-RPC URL and registry address for the chain figures, when GET /health's are not reachable from here.</summary>
    public string? RpcUrl { get; init; }
    public string? Contract { get; init; }

    /// <summary>Makes the progress display of a phase (name, planned operations); disposed when the phase ends.</summary>
    public Func<string, int, IProgress<int>>? Progress { get; init; }
}
