using Kusabi.DeviceClient.LoadTest;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Activation;

namespace Kusabi.DeviceClient.Tests;

public sealed class PipelineRunnerTests
{
    private readonly FakeKusabiServer _server = new();

    private Task<PipelineReport> RunAsync(PipelineOptions options) =>
        new PipelineRunner(Api.Over(_server.Handler), new HttpClient(_server.Handler), options).RunAsync(CancellationToken.None);

    [Fact]
    public async Task Without_an_operator_token_the_run_is_factory_and_activation_with_every_device_timed()
    {
        var report = await RunAsync(new PipelineOptions { Devices = 40, Concurrency = 6, FactoryToken = FakeKusabiServer.Token });

        report.Phases.Select(p => p.Name).Should().Equal(PipelinePhases.Factory, PipelinePhases.Activation);
        report.Phases.Should().AllSatisfy(p => p.Should().BeEquivalentTo(new { Planned = 40, Ok = 40, ErrorCount = 0, Unfinished = 0 }));
        report.Phase(PipelinePhases.Activation)!.Steps.Keys.Should().BeEquivalentTo(["begin", "act-key", "confirm"]);
        report.Phase(PipelinePhases.Activation)!.TimeSeries.Sum(p => p.Completed).Should().Be(40);
        _server.Activated.Should().HaveCount(40);
    }

    [Fact]
    public async Task Refused_activations_are_errors_by_code_with_their_message()
    {
        _server.Intercept = (path, call) => path == "/v1/activation/confirm" && call % 4 == 0
            ? FakeHandler.Problem(400, ProblemCodes.InvalidSignature, "No.")
            : null;

        var report = await RunAsync(new PipelineOptions { Devices = 20, Concurrency = 4, FactoryToken = FakeKusabiServer.Token });

        var activation = report.Phase(PipelinePhases.Activation)!;
        activation.Errors.Should().Equal(new Dictionary<string, int> { [ProblemCodes.InvalidSignature] = 5 });
        activation.ErrorExamples.Should().ContainKey(ProblemCodes.InvalidSignature);
        report.TotalErrors.Should().Be(5);
    }

    [Fact]
    public async Task Sessions_started_again_are_counted_as_recovered_and_not_as_errors()
    {
        _server.Intercept = (path, call) => path == "/v1/activation/act-key" && call <= 2
            ? FakeHandler.Problem(404, ProblemCodes.UnknownSession, "Gone.")
            : null;

        var report = await RunAsync(new PipelineOptions { Devices = 6, Concurrency = 1, FactoryToken = FakeKusabiServer.Token });

        var activation = report.Phase(PipelinePhases.Activation)!;
        activation.Recovered.Should().Equal(new Dictionary<string, int> { ["session-restarted"] = 2 });
        activation.ErrorCount.Should().Be(0);
        activation.Ok.Should().Be(6);
    }

    [Fact]
    public async Task A_refused_factory_request_fails_its_devices_and_none_of_them_is_activated()
    {
        _server.Intercept = (path, _) => path == "/v1/factory/pre-keys" ? FakeHandler.Problem(403, "forbidden", "Wrong role.") : null;

        var report = await RunAsync(new PipelineOptions { Devices = 10, Concurrency = 2, FactoryToken = FakeKusabiServer.Token });

        report.Phase(PipelinePhases.Factory)!.Errors.Should().Equal(new Dictionary<string, int> { ["forbidden"] = 10 });
        report.Phase(PipelinePhases.Activation)!.Planned.Should().Be(0);
        _server.Activated.Should().BeEmpty();
    }

    [Fact]
    public async Task A_duration_limit_that_has_passed_stops_the_run_with_work_unfinished_and_no_errors()
    {
        var report = await RunAsync(new PipelineOptions { Devices = 10, Concurrency = 2, FactoryToken = FakeKusabiServer.Token, DurationLimit = TimeSpan.Zero });

        report.StoppedByDurationLimit.Should().BeTrue();
        report.TotalErrors.Should().Be(0);
        report.Phase(PipelinePhases.Factory)!.Unfinished.Should().Be(10);
        _server.Activated.Should().BeEmpty();
    }

    [Fact]
    public async Task When_the_chain_cannot_be_read_the_report_says_why_instead_of_failing()
    {
        var report = await RunAsync(new PipelineOptions { Devices = 2, Concurrency = 1, FactoryToken = FakeKusabiServer.Token });

        report.Chain.Should().BeNull();
        report.ChainNote.Should().Contain("/health");
    }
}
