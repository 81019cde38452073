using System.Text.Json;
using Kusabi.Protocol.Activation;

namespace Kusabi.EndToEnd.Tests;

public static class ProblemAssertions
{
    /// <summary>The response is an RFC 9457 problem with this status and code.</summary>
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("type").GetString().Should().Be(ProblemCodes.TypePrefix + code);
        json.RootElement.GetProperty("status").GetInt32().Should().Be(status);
        json.RootElement.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }
}
