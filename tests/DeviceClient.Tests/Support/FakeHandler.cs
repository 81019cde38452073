using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Kusabi.DeviceClient.Tests.Support;

/// <summary>An HttpMessageHandler that answers from a function and records every request it saw.</summary>
public sealed class FakeHandler(Func<HttpRequestMessage, string, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    public int Count => Requests.Count;

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Problem(int status, string code, string detail) => new((HttpStatusCode)status)
    {
        Content = new StringContent(
            $$"""{"type":"urn:kusabi:problem:{{code}}","title":"Problem","status":{{status}},"detail":"{{detail}}","code":"{{code}}"}""",
            Encoding.UTF8, "application/problem+json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request, body));
        return await respond(request, body);
    }
}
