using System.Diagnostics;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// An HTTP client that starts the trace of requests to one path itself, with a trace ID the test
/// knows; the runtime's own header propagation is off so nothing else decides the trace.
/// </summary>
public sealed class TracedClient(string tracedPath) : DelegatingHandler(new SocketsHttpHandler { ActivityHeadersPropagator = null })
{
    public ActivityTraceId TraceId { get; } = ActivityTraceId.CreateRandom();
    public ActivitySpanId ParentSpanId { get; } = ActivitySpanId.CreateRandom();

    public static HttpClient For(Uri baseAddress, TracedClient handler) => new(handler) { BaseAddress = baseAddress };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath == tracedPath)
            request.Headers.TryAddWithoutValidation("traceparent", $"00-{TraceId}-{ParentSpanId}-01");
        return base.SendAsync(request, cancellationToken);
    }
}
