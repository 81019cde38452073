using Kusabi.Protocol.Activation;
using Kusabi.TestSupport;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class MetricsEndpointTests(SiloFixture silo)
{
    [Fact]
    public async Task Metrics_without_a_credential_are_refused_with_401()
    {
        await (await ScrapeAsync(null)).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
    }

    [Fact]
    public async Task Metrics_with_an_unknown_credential_are_refused_with_401()
    {
        await (await ScrapeAsync("not-a-known-token")).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
    }

    [Fact]
    public async Task Metrics_are_refused_to_a_factory_credential_with_403()
    {
        await (await ScrapeAsync(silo.FactoryToken)).ShouldBeProblemAsync(403, ProblemCodes.Forbidden);
    }

    [Fact]
    public async Task A_viewer_scrapes_the_activation_and_chain_metrics_in_prometheus_text_format()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();

        var text = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await ScrapeAsync(silo.ViewerToken);
            response.EnsureSuccessStatusCode();
            response.Content.Headers.ContentType?.MediaType.Should().Be("text/plain");
            text = await response.Content.ReadAsStringAsync();
            return text.Contains("kusabi_activation_steps", StringComparison.Ordinal) && text.Contains("kusabi_chain_batch_size", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "the scrape to show the activation");

        text.Should().Contain("kusabi_activation_duration_seconds");
        text.Should().MatchRegex("kusabi_activation_step_duration_seconds_bucket\\{[^}]*le=\"0.005\"", "latencies are bucketed in seconds");
        text.Should().NotContain(device.Device.ToString());
    }

    [Fact]
    public async Task An_operator_may_scrape_the_metrics_too()
    {
        using var response = await ScrapeAsync(silo.OperatorToken);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> ScrapeAsync(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return silo.Http.SendAsync(request);
    }
}
