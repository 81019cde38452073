using System.Net.Http.Headers;
using System.Text.Json;

namespace Kusabi.Client;

/// <summary>
/// Requests to the Kusabi server: errors become <see cref="KusabiApiException"/>, passing failures
/// are retried per <see cref="RetryPolicy"/>, and a server that never answers becomes
/// <see cref="KusabiUnreachableException"/>. Every response's Date header feeds <see cref="Clock"/>.
/// Thread-safe; share one per server.
/// </summary>
public sealed partial class KusabiApiClient
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;

    public KusabiApiClient(HttpClient http, Uri server, KusabiApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri) throw new ArgumentException("The server URL must be absolute.", nameof(server));
        _http = http;
        // A trailing slash makes relative paths extend the base instead of replacing its last segment.
        Server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        Options = options ?? new KusabiApiOptions();
        Clock = new ServerClock(Options.Time);
    }

    public Uri Server { get; }

    public KusabiApiOptions Options { get; }

    /// <summary>The server's time, from the Date headers of its answers.</summary>
    public ServerClock Clock { get; }

    public Task<TResponse> PostAsync<TResponse>(string path, object body, CancellationToken cancellationToken, string? bearerToken = null, TimeSpan? timeout = null) =>
        PostAsync<TResponse>(path, () => body, cancellationToken, bearerToken, timeout);

    /// <summary>
    /// POSTs <paramref name="bodyPerAttempt"/>(), called again for every retry: a request that must
    /// never be sent twice (the act-key nonce) builds a fresh body each time.
    /// </summary>
    public async Task<TResponse> PostAsync<TResponse>(
        string path, Func<object> bodyPerAttempt, CancellationToken cancellationToken, string? bearerToken = null, TimeSpan? timeout = null)
    {
        var answer = await SendAsync(path, uri => JsonRequest(HttpMethod.Post, uri, bodyPerAttempt(), bearerToken), cancellationToken, timeout);
        return answer.ReadJson<TResponse>($"POST {path}");
    }

    public async Task<TResponse> GetAsync<TResponse>(string path, CancellationToken cancellationToken, string? bearerToken = null, TimeSpan? timeout = null)
    {
        var answer = await SendAsync(path, uri =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
            return request;
        }, cancellationToken, timeout);
        return answer.ReadJson<TResponse>($"GET {path}");
    }

    /// <summary>A JSON request: the exact bytes sent are the serialized <paramref name="body"/>.</summary>
    public static HttpRequestMessage JsonRequest(HttpMethod method, Uri uri, object body, string? bearerToken = null) =>
        BytesRequest(method, uri, JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), KusabiJson.Options), bearerToken);

    public static HttpRequestMessage BytesRequest(HttpMethod method, Uri uri, byte[] json, string? bearerToken = null)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = s_json;
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return request;
    }

    /// <summary>
    /// A server path ("v1/x" or "/v1/x", resolved against <see cref="Server"/>) or an absolute URL on
    /// the same origin as the server; any other origin is refused, since requests carry credentials.
    /// </summary>
    /// <exception cref="KusabiProtocolException">An absolute URL on another origin.</exception>
    public Uri Resolve(string pathOrUrl)
    {
        ArgumentNullException.ThrowIfNull(pathOrUrl);
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return Uri.Compare(absolute, Server, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
                ? absolute
                : throw new KusabiProtocolException($"'{pathOrUrl}' is not on the server {Server.GetLeftPart(UriPartial.Authority)}; refusing to send credentials there.");
        }
        return new Uri(Server, pathOrUrl.TrimStart('/'));
    }

    /// <summary>
    /// Sends the request built by <paramref name="attemptFor"/> (called once per attempt, so each
    /// attempt can carry a fresh body or signature) and buffers the 2xx answer.
    /// </summary>
    public Task<ApiAnswer> SendAsync(string path, Func<Uri, HttpRequestMessage> attemptFor, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        WithRetriesAsync<ApiAnswer>(Resolve(path), attemptFor, async (request, token) =>
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            Clock.Observe(response.Headers.Date);
            var bytes = await response.Content.ReadAsByteArrayAsync(token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? (new ApiAnswer(status, response.Content.Headers.ContentType?.MediaType, bytes), null, null)
                : ((ApiAnswer?)null, ProblemDetailsReader.Read(status, response.Content.Headers.ContentType?.MediaType, bytes), response.Headers.RetryAfter);
        }, cancellationToken, timeout);

    private async Task<T> WithRetriesAsync<T>(
        Uri uri,
        Func<Uri, HttpRequestMessage> attemptFor,
        Func<HttpRequestMessage, CancellationToken, Task<(T? Value, KusabiApiException? Error, RetryConditionHeaderValue? RetryAfter)>> once,
        CancellationToken cancellationToken,
        TimeSpan? timeout)
        where T : class
    {
        var retry = Options.Retry;
        var limit = timeout ?? Options.RequestTimeout;
        var method = "";
        for (var attempt = 1; ; attempt++)
        {
            RetryConditionHeaderValue? retryAfter = null;
            try
            {
                using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeoutSource.CancelAfter(limit);
                using var request = attemptFor(uri);
                method = request.Method.Method;
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.Accept.ParseAdd("application/problem+json");
                var (value, error, after) = await once(request, timeoutSource.Token);
                if (value is not null) return value;
                if (!RetryPolicy.IsTransientStatus(error!.Status) || attempt >= retry.MaxAttempts) throw error;
                retryAfter = after;
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= retry.MaxAttempts)
                    throw new KusabiUnreachableException($"{method} {uri} failed after {attempt} attempt(s): {e.Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Only our per-request timeout cancels without the caller's token being cancelled.
                if (attempt >= retry.MaxAttempts)
                    throw new KusabiUnreachableException($"{method} {uri} got no answer within {limit.TotalSeconds:0.#} s, {attempt} attempt(s).", e);
            }
            await Task.Delay(retry.DelayBefore(attempt + 1, retryAfter), cancellationToken);
        }
    }
}
