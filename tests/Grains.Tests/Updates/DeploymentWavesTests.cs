using Kusabi.Grains.Updates;

namespace Kusabi.Grains.Tests.Updates;

public sealed class DeploymentWavesTests
{
    private static List<string> Devices(int count) => Enumerable.Range(0, count).Select(i => $"d{i}").ToList();

    [Theory]
    [InlineData(10, 3, 4)]
    [InlineData(9, 3, 3)]
    [InlineData(1, 5, 1)]
    [InlineData(5, 1, 5)]
    [InlineData(0, 4, 1)]
    public void Waves_of_a_size_cover_every_device_once_in_plan_order(int devices, int size, int expectedWaves)
    {
        var waves = new DeploymentWaves(Devices(devices), size);

        waves.Count.Should().Be(expectedWaves);
        Enumerable.Range(0, waves.Count).SelectMany(waves.Members).Should().Equal(Devices(devices));
        Enumerable.Range(0, waves.Count).Should().OnlyContain(w => waves.Members(w).Count <= size);
    }

    [Fact]
    public void The_last_wave_holds_the_remainder() =>
        new DeploymentWaves(Devices(10), 4).Members(2).Should().Equal("d8", "d9");

    [Fact]
    public void A_wave_size_below_one_is_rejected() =>
        FluentActions.Invoking(() => new DeploymentWaves(Devices(3), 0)).Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    [InlineData(10, 3, null, 3)]
    [InlineData(10, 20, null, 20)]
    [InlineData(7, null, null, 7)]
    [InlineData(0, null, null, 1)]
    [InlineData(100, null, 10, 10)]
    [InlineData(15, null, 10, 2)] // 1.5 devices rounds up
    [InlineData(5, null, 1, 1)] // never an empty wave
    [InlineData(3, null, 50, 2)]
    [InlineData(8, null, 100, 8)]
    public void The_wave_size_comes_from_a_count_a_percentage_or_the_whole_fleet(int devices, int? size, int? percent, int expected) =>
        DeploymentWaves.SizeFor(devices, size, percent).Should().Be(expected);

    [Theory]
    [InlineData(3, 50)]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(null, 0)]
    [InlineData(null, 101)]
    public void Both_or_out_of_range_sizes_are_refused(int? size, int? percent) =>
        DeploymentWaves.SizeFor(10, size, percent).Should().BeNull();

    [Fact]
    public void A_percentage_of_a_huge_fleet_does_not_overflow() =>
        DeploymentWaves.SizeFor(int.MaxValue, null, 100).Should().Be(int.MaxValue);
}
