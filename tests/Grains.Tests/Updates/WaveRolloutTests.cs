using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Updates;

namespace Kusabi.Grains.Tests.Updates;

public sealed class WaveRolloutTests
{
    private const int MaxAttempts = 2;

    private static DeploymentDeviceProgress Device(DeploymentDeviceState state, int attempts = 1) => new() { State = state, Attempts = attempts };

    private static List<DeploymentDeviceProgress> Wave(int installed, int finalFailures, int waiting = 0) =>
    [
        .. Enumerable.Range(0, installed).Select(_ => Device(DeploymentDeviceState.Installed)),
        .. Enumerable.Range(0, finalFailures).Select(_ => Device(DeploymentDeviceState.Failed, MaxAttempts)),
        .. Enumerable.Range(0, waiting).Select(_ => Device(DeploymentDeviceState.Assigned)),
    ];

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public void A_failed_device_is_retried_until_it_has_used_its_attempts(int attempts, bool retried) =>
        WaveRollout.ShouldRetry(Device(DeploymentDeviceState.Failed, attempts), MaxAttempts).Should().Be(retried);

    [Theory]
    [InlineData(DeploymentDeviceState.Pending)]
    [InlineData(DeploymentDeviceState.Assigned)]
    [InlineData(DeploymentDeviceState.Downloading)]
    [InlineData(DeploymentDeviceState.Installed)]
    [InlineData(DeploymentDeviceState.Mismatched)]
    public void Only_a_failure_is_retried(DeploymentDeviceState state) =>
        WaveRollout.ShouldRetry(Device(state), MaxAttempts).Should().BeFalse();

    [Fact]
    public void A_mismatched_inventory_is_a_final_failure_at_once() =>
        WaveRollout.IsFinalFailure(Device(DeploymentDeviceState.Mismatched, 1), MaxAttempts).Should().BeTrue();

    [Fact]
    public void A_failure_with_attempts_left_is_not_final() =>
        WaveRollout.IsFinalFailure(Device(DeploymentDeviceState.Failed, 1), MaxAttempts).Should().BeFalse();

    [Theory]
    [InlineData(5, 0, 0, 20, WaveVerdict.Settled)]
    [InlineData(4, 1, 0, 20, WaveVerdict.Settled)] // 1 of 5 is 20 %: at the threshold, not past it
    [InlineData(3, 2, 0, 20, WaveVerdict.Halt)] // 40 %
    [InlineData(9, 1, 0, 10, WaveVerdict.Settled)]
    [InlineData(0, 1, 9, 9, WaveVerdict.Halt)] // 10 % > 9 %, and nobody needs to wait for the rest
    [InlineData(1, 0, 0, 0, WaveVerdict.Settled)]
    [InlineData(0, 1, 1, 0, WaveVerdict.Halt)] // threshold 0: the first final failure halts
    [InlineData(0, 3, 0, 100, WaveVerdict.Settled)] // threshold 100: never halts
    [InlineData(2, 0, 1, 20, WaveVerdict.Waiting)]
    [InlineData(3, 1, 1, 20, WaveVerdict.Waiting)] // 1 of 5 failed, one still out
    public void A_wave_halts_exactly_when_its_final_failures_pass_the_threshold(int installed, int failed, int waiting, int threshold, WaveVerdict expected)
    {
        var (verdict, failures) = WaveRollout.Evaluate(Wave(installed, failed, waiting), threshold, MaxAttempts);

        verdict.Should().Be(expected);
        failures.Should().Be(failed);
    }

    [Fact]
    public void A_failure_awaiting_its_retry_neither_counts_against_the_threshold_nor_settles_the_wave()
    {
        var wave = new List<DeploymentDeviceProgress> { Device(DeploymentDeviceState.Installed), Device(DeploymentDeviceState.Failed, 1) };

        WaveRollout.Evaluate(wave, 0, MaxAttempts).Should().Be((WaveVerdict.Waiting, 0));
    }

    [Fact]
    public void A_mismatched_device_counts_against_the_threshold()
    {
        var wave = new List<DeploymentDeviceProgress> { Device(DeploymentDeviceState.Installed), Device(DeploymentDeviceState.Mismatched) };

        WaveRollout.Evaluate(wave, 49, MaxAttempts).Should().Be((WaveVerdict.Halt, 1));
        WaveRollout.Evaluate(wave, 50, MaxAttempts).Should().Be((WaveVerdict.Settled, 1));
    }

    [Fact]
    public void Progress_counts_every_state_by_name_zeros_included()
    {
        var counts = WaveRollout.Counts([.. Wave(2, 1, 3), Device(DeploymentDeviceState.Mismatched), Device(DeploymentDeviceState.Downloading)]);

        counts.Should().Equal(new Dictionary<string, int>
        {
            ["pending"] = 0,
            ["assigned"] = 3,
            ["downloading"] = 1,
            ["installed"] = 2,
            ["failed"] = 1,
            ["mismatched"] = 1,
        });
    }
}
