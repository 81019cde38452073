using Kusabi.Grains.Tests.Support;
using Kusabi.Grains.Updates;
using Kusabi.Protocol.Activation;

namespace Kusabi.Grains.Tests.Updates;

public sealed class RequestAdmissionTests
{
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RequestAdmission _admission;

    public RequestAdmissionTests() => _admission = new RequestAdmission(_time, s_window);

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static byte[] Nonce(byte b) => Enumerable.Repeat(b, 16).ToArray();

    [Fact]
    public void A_fresh_request_with_a_new_nonce_is_admitted() =>
        _admission.Admit(Now, Nonce(1)).Should().BeNull();

    [Fact]
    public void The_same_nonce_twice_is_a_replay()
    {
        _admission.Admit(Now, Nonce(1));

        _admission.Admit(Now, Nonce(1))!.Code.Should().Be(ProblemCodes.ReplayedRequest);
    }

    [Fact]
    public void A_refused_stale_request_does_not_use_up_its_nonce()
    {
        _admission.Admit(Now - (long)s_window.TotalMilliseconds - 1, Nonce(2))!.Code.Should().Be(ProblemCodes.StaleRequest);

        _admission.Admit(Now, Nonce(2)).Should().BeNull();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_timestamp_just_outside_the_window_either_way_is_stale(int direction)
    {
        _time.Advance(TimeSpan.FromHours(1)); // past the activation floor, so only the window decides
        var admission = new RequestAdmission(_time, s_window);
        var signedAt = Now + direction * ((long)s_window.TotalMilliseconds + 1);

        admission.Admit(signedAt, Nonce(3))!.Code.Should().Be(ProblemCodes.StaleRequest);
    }

    [Fact]
    public void A_timestamp_at_the_edge_of_the_future_window_is_admitted() =>
        _admission.Admit(Now + (long)s_window.TotalMilliseconds, Nonce(4)).Should().BeNull();

    [Fact]
    public void A_request_signed_before_this_activation_began_is_stale_even_inside_the_window()
    {
        _admission.Admit(Now - (long)TimeSpan.FromSeconds(6).TotalMilliseconds, Nonce(5))!.Code.Should().Be(ProblemCodes.StaleRequest);
        _admission.Admit(Now - (long)TimeSpan.FromSeconds(4).TotalMilliseconds, Nonce(6)).Should().BeNull("a few seconds of grace cover a request in flight");
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void An_absurd_timestamp_is_stale_rather_than_an_error(long timestampMs) =>
        _admission.Admit(timestampMs, Nonce(7))!.Code.Should().Be(ProblemCodes.StaleRequest);

    [Fact]
    public void A_nonce_seen_inside_the_window_stays_refused_while_many_others_arrive()
    {
        _admission.Admit(Now, Nonce(8));
        for (var i = 0; i < 600; i++) _admission.Admit(Now, BitConverter.GetBytes((long)i).Concat(new byte[8]).ToArray());

        _admission.Admit(Now, Nonce(8))!.Code.Should().Be(ProblemCodes.ReplayedRequest);
    }
}
