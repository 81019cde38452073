using System.Net.Http.Headers;
using System.Text.Json;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// JSON POSTs to the Kusabi server: errors become <see cref="KusabiApiException"/>, passing failures
/// are retried per <see cref="RetryPolicy"/>, and a server that never answers becomes
/// <see cref="KusabiUnreachableException"/>. Thread-safe; share one per server.
/// </summary>
public sealed class KusabiApiClient
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
    }

    public Uri Server { get; }

    public KusabiApiOptions Options { get; }

    public Task<TResponse> PostAsync<TResponse>(string path, object body, CancellationToken cancellationToken, string? bearerToken = null, TimeSpan? timeout = null) =>
        PostAsync<TResponse>(path, () => body, cancellationToken, bearerToken, timeout);

    /// <summary>
    /// POSTs <paramref name="bodyPerAttempt"/>(), called again for every retry: a request that must
    /// never be sent twice (the act-key nonce) builds a fresh body each time.
    /// </summary>
    public async Task<TResponse> PostAsync<TResponse>(
        string path, Func<object> bodyPerAttempt, CancellationToken cancellationToken, string? bearerToken = null, TimeSpan? timeout = null)
    {
        var uri = new Uri(Server, path.TrimStart('/'));
        var retry = Options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            RetryConditionHeaderValue? retryAfter = null;
            try
            {
                var (status, mediaType, body, retryAfterHeader) = await SendOnceAsync(uri, bodyPerAttempt(), bearerToken, timeout ?? Options.RequestTimeout, cancellationToken);
                if (status is >= 200 and < 300) return Deserialize<TResponse>(path, body);
                var error = ProblemDetailsReader.Read(status, mediaType, body);
                if (!RetryPolicy.IsTransientStatus(status) || attempt >= retry.MaxAttempts) throw error;
                retryAfter = retryAfterHeader;
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= retry.MaxAttempts)
                    throw new KusabiUnreachableException($"POST {uri} failed after {attempt} attempt(s): {e.Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                // Only our per-request timeout cancels without the caller's token being cancelled.
                if (attempt >= retry.MaxAttempts)
                    throw new KusabiUnreachableException($"POST {uri} got no answer within {(timeout ?? Options.RequestTimeout).TotalSeconds:0.#} s, {attempt} attempt(s).", e);
            }
            await Task.Delay(retry.DelayBefore(attempt + 1, retryAfter), cancellationToken);
        }
    }

    private async Task<(int Status, string? MediaType, byte[] Body, RetryConditionHeaderValue? RetryAfter)> SendOnceAsync(
        Uri uri, object body, string? bearerToken, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), KusabiJson.Options));
        content.Headers.ContentType = s_json;
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("application/problem+json");
        if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(timeoutSource.Token);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes, response.Headers.RetryAfter);
    }

    private static T Deserialize<T>(string path, byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, KusabiJson.Options)
                ?? throw new KusabiProtocolException($"The server answered POST {path} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new KusabiProtocolException($"The server's answer to POST {path} is not the expected JSON: {e.Message}", e);
        }
    }
}
