using Kusabi.DeviceClient.LoadTest;

namespace Kusabi.DeviceClient.Tests;

public sealed class PercentileTests
{
    private static readonly double[] s_oneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.95, 95)]
    [InlineData(0.99, 99)]
    [InlineData(1.00, 100)]
    [InlineData(0.00, 1)]
    public void Nearest_rank_on_one_to_hundred(double p, double expected) =>
        Percentiles.NearestRank(s_oneToHundred, p).Should().Be(expected);

    [Fact]
    public void Small_samples_pick_a_measured_value()
    {
        double[] sorted = [10, 20, 30];
        Percentiles.NearestRank(sorted, 0.50).Should().Be(20);
        Percentiles.NearestRank(sorted, 0.95).Should().Be(30);
        Percentiles.NearestRank([], 0.5).Should().Be(0);
        Percentiles.NearestRank([7], 0.99).Should().Be(7);
    }

    [Fact]
    public void Summary_sorts_its_input_and_reports_milliseconds()
    {
        var samples = Enumerable.Range(1, 100).Reverse().Select(i => TimeSpan.FromMilliseconds(i));

        var summary = LatencySummary.Of(samples);

        summary.Should().Be(new LatencySummary(100, 50.5, 50, 95, 99, 100));
        LatencySummary.Of([]).Count.Should().Be(0);
    }

    [Fact]
    public void Out_of_range_percentiles_are_refused()
    {
        var act = () => Percentiles.NearestRank(s_oneToHundred, 1.5);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
