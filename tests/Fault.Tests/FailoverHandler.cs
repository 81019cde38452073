using System.Net.Http;

namespace Kusabi.Fault.Tests;

/// <summary>
/// Sends each request to the silo its URL names and, when that silo refuses the connection (it is
/// down), to the next silo instead, as a load balancer in front of the cluster would. Only a failed
/// connect moves a request: nothing was sent, so resending the same bytes elsewhere is safe.
/// </summary>
public sealed class FailoverHandler(IReadOnlyList<Uri> silos, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private long _failovers;

    /// <summary>Requests that went to another silo than the one they were addressed to.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var first = IndexOf(request.RequestUri!);
        for (var tried = 0; ; tried++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && first >= 0 && tried < silos.Count - 1)
            {
                var next = silos[(first + tried + 1) % silos.Count];
                request.RequestUri = new UriBuilder(request.RequestUri!) { Host = next.Host, Port = next.Port }.Uri;
                Interlocked.Increment(ref _failovers);
            }
        }
    }

    private int IndexOf(Uri uri)
    {
        for (var i = 0; i < silos.Count; i++)
        {
            if (silos[i].Port == uri.Port && string.Equals(silos[i].Host, uri.Host, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}
