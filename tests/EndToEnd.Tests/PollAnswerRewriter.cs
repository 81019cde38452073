using System.Text;
using System.Text.Json.Nodes;

namespace Kusabi.EndToEnd.Tests;

/// <summary>Stands between device and server and rewrites the update poll's answer: a lying server.</summary>
public sealed class PollAnswerRewriter(Action<JsonNode> rewrite) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Get || request.RequestUri!.AbsolutePath != "/v1/device/update" || !response.IsSuccessStatusCode) return response;
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        if (json["assignment"] is { } assignment) rewrite(assignment);
        response.Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json");
        return response;
    }
}
