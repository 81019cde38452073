using System.Net;
using Kusabi.Protocol.Activation;

namespace Kusabi.EndToEnd.Tests;

/// <summary>The Orleans dashboard at /dashboard: operators only, by header or by the session cookie its pages send.</summary>
[Collection(SiloCollection.Name)]
public sealed class DashboardAccessTests(SiloFixture silo) : IDisposable
{
    private readonly OperatorSession _client = new(silo);

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task The_dashboard_refuses_a_request_without_credential(string path)
    {
        await (await _client.SendAsync(HttpMethod.Get, path)).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task The_dashboard_refuses_a_viewer_by_header_and_by_cookie(string path)
    {
        await (await _client.SendAsync(HttpMethod.Get, path, silo.ViewerToken)).ShouldBeProblemAsync(403, ProblemCodes.Forbidden);
        var cookie = await _client.SignInAsync(silo.ViewerToken);
        await (await _client.SendAsync(HttpMethod.Get, path, cookie: cookie)).ShouldBeProblemAsync(403, ProblemCodes.Forbidden);
    }

    [Fact]
    public async Task The_dashboard_page_is_served_to_an_operator_by_header()
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/dashboard/", silo.OperatorToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Fact]
    public async Task The_dashboard_data_is_served_to_an_operator_by_session_cookie()
    {
        var cookie = await _client.SignInAsync(silo.OperatorToken);

        var response = await _client.SendAsync(HttpMethod.Get, "/dashboard/ClusterStats", cookie: cookie);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().NotBeNullOrWhiteSpace();
    }

    public void Dispose() => _client.Dispose();
}
