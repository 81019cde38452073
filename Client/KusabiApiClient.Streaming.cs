namespace Kusabi.Client;

public sealed partial class KusabiApiClient
{
    /// <summary>Error answers are short problem documents; a longer one is cut here.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>
    /// Like <see cref="SendAsync"/>, but a 2xx answer is returned as soon as its headers arrive, so the
    /// caller streams the body (and owns the response). Failed attempts are retried before any body
    /// is read; once the body is being read, a failure is the caller's to handle.
    /// </summary>
    public Task<HttpResponseMessage> SendStreamingAsync(string pathOrUrl, Func<Uri, HttpRequestMessage> attemptFor, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        WithRetriesAsync<HttpResponseMessage>(Resolve(pathOrUrl), attemptFor, async (request, token) =>
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            Clock.Observe(response.Headers.Date);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return (response, (KusabiApiException?)null, (System.Net.Http.Headers.RetryConditionHeaderValue?)null);
            using (response)
            {
                var body = await ReadBoundedAsync(response.Content, MaxErrorBodyBytes, token);
                return ((HttpResponseMessage?)null, ProblemDetailsReader.Read(status, response.Content.Headers.ContentType?.MediaType, body), response.Headers.RetryAfter);
            }
        }, cancellationToken, timeout);

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var total = 0;
        int read;
        while (total < limit && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0) total += read;
        return buffer[..total];
    }
}
