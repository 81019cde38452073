using Kusabi.DeviceClient.LoadTest;

namespace Kusabi.DeviceClient.Tests;

public sealed class TimeSeriesTests
{
    [Fact]
    public void Operations_are_bucketed_by_the_whole_second_they_finished_in()
    {
        OperationSample[] samples = [new(0.2, 10, null), new(0.99, 30, null), new(1.0, 20, null), new(1.5, 5, "refused")];

        var series = TimeSeriesPoint.Bucket(samples);

        series.Should().Equal(
            new TimeSeriesPoint(0, 2, 0, 10, 30, 30),
            new TimeSeriesPoint(1, 1, 1, 20, 20, 20));
    }

    [Fact]
    public void Seconds_without_completions_are_kept_as_zeros_so_a_stall_shows()
    {
        OperationSample[] samples = [new(3.1, 10, null), new(6.9, 10, null)];

        var series = TimeSeriesPoint.Bucket(samples, firstSecond: 2);

        series.Select(p => p.Second).Should().Equal(2, 3, 4, 5, 6);
        series.Select(p => p.Completed).Should().Equal(0, 1, 0, 0, 1);
    }

    [Fact]
    public void Percentiles_of_a_second_are_those_of_its_successes()
    {
        var samples = Enumerable.Range(1, 100).Select(i => new OperationSample(4.5, i, null)).Append(new OperationSample(4.6, 9_999, "slow-error"));

        var point = TimeSeriesPoint.Bucket(samples).Single(p => p.Second == 4);

        point.Should().Be(new TimeSeriesPoint(4, 100, 1, 50, 95, 99));
    }

    [Fact]
    public void No_samples_make_an_empty_series() => TimeSeriesPoint.Bucket([]).Should().BeEmpty();
}
