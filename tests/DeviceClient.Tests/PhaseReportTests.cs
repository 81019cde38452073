using Kusabi.DeviceClient.LoadTest;

namespace Kusabi.DeviceClient.Tests;

public sealed class PhaseReportTests
{
    [Fact]
    public void Latency_percentiles_cover_successful_operations_only()
    {
        var samples = Enumerable.Range(1, 100).Select(i => new OperationSample(1, i, null)).Append(new OperationSample(1, 100_000, "boom")).ToList();

        var phase = PhaseReport.From("activation", 101, samples, 0, 2);

        phase.Latency.Should().BeEquivalentTo(new { Count = 100, P50Ms = 50.0, P95Ms = 95.0, P99Ms = 99.0, MaxMs = 100.0 });
    }

    [Fact]
    public void Errors_are_counted_per_code_most_frequent_first()
    {
        OperationSample[] samples = [new(1, 5, "b"), new(1, 5, "a"), new(1, 5, "a"), new(1, 5, null)];

        var phase = PhaseReport.From("activation", 4, samples, 0, 1);

        phase.Errors.Should().Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 });
        phase.Errors.Keys.Should().ContainInOrder("a", "b");
        phase.ErrorCount.Should().Be(3);
        phase.Ok.Should().Be(1);
    }

    [Fact]
    public void Throughput_is_successes_per_second_of_the_phase_and_unstarted_work_is_unfinished()
    {
        var samples = Enumerable.Range(0, 30).Select(i => new OperationSample(2 + i * 0.1, 10, i < 6 ? "x" : null)).ToList();

        var phase = PhaseReport.From("update", 50, samples, 2, 6);

        phase.Seconds.Should().Be(4);
        phase.ThroughputPerSecond.Should().Be(6);
        phase.Count.Should().Be(30);
        phase.Unfinished.Should().Be(20);
    }

    [Fact]
    public void A_recorder_fed_from_many_threads_keeps_every_operation()
    {
        var recorder = new PhaseRecorder("factory", System.Diagnostics.Stopwatch.GetTimestamp());

        Parallel.For(0, 1000, i =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            if (i % 10 == 0) recorder.RecordError(started, System.Diagnostics.Stopwatch.GetTimestamp(), "refused", $"refused {i}");
            else recorder.Record(started, null, 2);
        });
        var phase = PhaseReport.From(recorder, 2000);

        phase.Count.Should().Be(1900);
        phase.Errors.Should().Equal(new Dictionary<string, int> { ["refused"] = 100 });
        phase.ErrorExamples["refused"].Should().StartWith("refused ");
        phase.Unfinished.Should().Be(100);
        phase.Seconds.Should().BeGreaterThanOrEqualTo(0);
    }
}
