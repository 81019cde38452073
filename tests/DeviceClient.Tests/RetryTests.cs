using System.Net;
using System.Net.Sockets;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Activation;

namespace Kusabi.DeviceClient.Tests;

public sealed class RetryTests
{
    private sealed record Echo(string Value);

    /// <summary>Never answers; only cancellation ends a request.</summary>
    private sealed class SilentHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task A_503_is_retried_and_the_later_success_returned()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(Calls++ == 0
            ? FakeHandler.Problem(503, ProblemCodes.ChainUnavailable, "Registry unavailable.")
            : FakeHandler.Json(HttpStatusCode.OK, """{"value":"ok"}""")));

        var result = await Api.Over(handler).PostAsync<Echo>("v1/x", new { }, CancellationToken.None);

        result.Value.Should().Be("ok");
        handler.Count.Should().Be(2);
    }

    private int Calls { get; set; }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(FakeHandler.Problem(400, ProblemCodes.MalformedRequest, "Bad.")));

        var act = () => Api.Over(handler).PostAsync<Echo>("v1/x", new { }, CancellationToken.None);

        (await act.Should().ThrowAsync<KusabiApiException>()).Which.Code.Should().Be(ProblemCodes.MalformedRequest);
        handler.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_persistent_503_gives_up_after_the_policy_attempts_with_the_problem()
    {
        var handler = new FakeHandler((_, _) => Task.FromResult(FakeHandler.Problem(503, ProblemCodes.ChainUnavailable, "Down.")));

        var act = () => Api.Over(handler).PostAsync<Echo>("v1/x", new { }, CancellationToken.None);

        (await act.Should().ThrowAsync<KusabiApiException>()).Which.Code.Should().Be(ProblemCodes.ChainUnavailable);
        handler.Count.Should().Be(Api.FastRetry.MaxAttempts);
    }

    [Fact]
    public async Task Refused_connections_are_retried_then_reported_unreachable()
    {
        var handler = new FakeHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException(111)));

        var act = () => Api.Over(handler).PostAsync<Echo>("v1/x", new { }, CancellationToken.None);

        await act.Should().ThrowAsync<KusabiUnreachableException>().WithMessage("*4 attempt(s)*");
        handler.Count.Should().Be(4);
    }

    [Fact]
    public async Task A_request_timeout_is_retried_then_reported_unreachable()
    {
        var api = new KusabiApiClient(new HttpClient(new SilentHandler()), Api.Server, new KusabiApiOptions
        {
            Retry = Api.FastRetry with { MaxAttempts = 2 },
            RequestTimeout = TimeSpan.FromMilliseconds(50),
        });

        var act = () => api.PostAsync<Echo>("v1/x", new { }, CancellationToken.None);

        await act.Should().ThrowAsync<KusabiUnreachableException>().WithMessage("*no answer within*");
    }

    [Fact]
    public async Task Every_attempt_gets_a_freshly_built_body()
    {
        var built = 0;
        var handler = new FakeHandler((_, body) => Task.FromResult(body.Contains("\"n\":1")
            ? FakeHandler.Problem(502, "http-502", "Bad gateway.")
            : FakeHandler.Json(HttpStatusCode.OK, """{"value":"second"}""")));

        var result = await Api.Over(handler).PostAsync<Echo>("v1/x", () => new { n = ++built }, CancellationToken.None);

        result.Value.Should().Be("second");
        built.Should().Be(2);
    }

    [Fact]
    public void Backoff_grows_is_capped_and_honours_retry_after()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        policy.DelayBefore(2).Should().BeCloseTo(TimeSpan.FromMilliseconds(75), TimeSpan.FromMilliseconds(26));
        policy.DelayBefore(3).Should().BeCloseTo(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(51));
        policy.DelayBefore(20).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        policy.DelayBefore(2, new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30))).Should().Be(TimeSpan.FromSeconds(1));
    }
}
