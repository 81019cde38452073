using System.Text.Json;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.LoadTest;
using Kusabi.DeviceClient.Simulator;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Activation;

namespace Kusabi.DeviceClient.Tests;

public sealed class FleetSimulatorTests
{
    private readonly FakeKusabiServer _server = new();

    [Fact]
    public async Task A_fleet_registers_and_activates_every_device()
    {
        var run = await new FleetSimulator(Api.Over(_server.Handler), FakeKusabiServer.Token).RunAsync(60, 8);

        run.Succeeded.Should().Be(60);
        run.Failed.Should().Be(0);
        run.ErrorsByCode.Should().BeEmpty();
        _server.Activated.Should().HaveCount(60);
        var report = LoadTestReport.From(run);
        report.Latency.Total.Count.Should().Be(60);
        report.ActivationsPerSecond.Should().BePositive();
    }

    [Fact]
    public async Task Failures_are_counted_per_problem_code()
    {
        _server.Intercept = (path, call) => path == "/v1/activation/confirm" && call % 3 == 0
            ? FakeHandler.Problem(400, ProblemCodes.InvalidSignature, "No.")
            : null;

        var run = await new FleetSimulator(Api.Over(_server.Handler), FakeKusabiServer.Token).RunAsync(30, 4);

        run.Failed.Should().Be(10);
        run.ErrorsByCode.Should().Equal(new Dictionary<string, int> { [ProblemCodes.InvalidSignature] = 10 });
        var json = JsonSerializer.Serialize(LoadTestReport.From(run), BenchmarkReport.Json);
        json.Should().Contain("\"errors\"").And.Contain("\"invalid-signature\": 10").And.Contain("\"p99Ms\"");
    }

    [Fact]
    public async Task Cancellation_during_activation_marks_the_rest_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        _server.Intercept = (path, call) =>
        {
            if (path == "/v1/activation/confirm" && call == 5) cancel.Cancel();
            return null;
        };

        var run = await new FleetSimulator(Api.Over(_server.Handler), FakeKusabiServer.Token).RunAsync(40, 1, cancellationToken: cancel.Token);

        run.Succeeded.Should().BeInRange(4, 5);
        run.ErrorsByCode.Should().ContainKey("cancelled").WhoseValue.Should().Be(40 - run.Succeeded);
    }

    [Fact]
    public void Error_codes_name_the_kind_of_failure()
    {
        DeviceOutcome.CodeOf(new KusabiUnreachableException("x")).Should().Be("unreachable");
        DeviceOutcome.CodeOf(new KusabiProtocolException("x")).Should().Be("protocol-error");
        DeviceOutcome.CodeOf(new KusabiApiException(410, ProblemCodes.SessionExpired, null, null)).Should().Be(ProblemCodes.SessionExpired);
    }
}
