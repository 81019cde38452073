using Kusabi.DeviceClient.LoadTest;

namespace Kusabi.DeviceClient.Tests.Support;

/// <summary>Load-test reports built from known samples, for the report writers' tests.</summary>
public static class SampleReports
{
    /// <summary>Nine activations in seconds 0–2 (and a tenth refused, if an error is given), four factory keys, and chain figures.</summary>
    public static PipelineReport Small(string? activationError = "invalid-signature")
    {
        OperationSample[] factory = [new(0.4, 300, null), new(0.4, 300, null), new(0.4, 300, null), new(0.4, 300, null)];
        var activation = Enumerable.Range(1, 9).Select(i => new OperationSample(0.5 + i * 0.2, i * 100, null)).ToList();
        if (activationError is not null) activation.Add(new OperationSample(2.5, 50, activationError));
        var phases = new[]
        {
            PhaseReport.From("factory", 4, factory, 0.1, 0.4),
            PhaseReport.From("activation", 10, activation, 0.5, 2.5,
                new Dictionary<string, LatencySummary> { ["act-key"] = LatencySummary.Of([TimeSpan.FromMilliseconds(40)]) })
                with { ErrorExamples = activationError is null ? new Dictionary<string, string>() : new() { [activationError] = "The confirmation's signature | does not verify." } },
        };
        return new PipelineReport(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero), "http://127.0.0.1:8080/", 10, 5, null, 60, false, 2.6,
            new MachineInfo(2, ".NET 10", "Linux", false), phases,
            new ChainUsage("http://127.0.0.1:8545", "0xabc", 3, 7, 4, 22, 5.5, 10, 4, 22), null);
    }
}
