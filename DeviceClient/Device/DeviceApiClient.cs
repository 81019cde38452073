using System.Text.Json;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.DeviceAuth;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// Requests of an activated device, each signed with its act key (<see cref="DeviceRequestAuth"/>):
/// method, path and query, timestamp, a fresh nonce and the SHA-256 of the exact body bytes. Every
/// attempt, retries included, is a new signature with a new nonce. The timestamp is server time
/// (<see cref="ServerClock"/>); a 401 after which the server's clock turns out to differ from the
/// one we signed with is re-signed and sent once more. Thread-safe.
/// </summary>
public sealed class DeviceApiClient
{
    public const string UpdatePath = "v1/device/update";
    public const string UpdateStatusPath = "v1/device/update/status";
    public const string InventoryNoncePath = "v1/device/inventory/nonce";
    public const string InventoryPath = "v1/device/inventory";

    /// <summary>A clock correction this large since signing explains a 401; smaller ones do not.</summary>
    public static readonly TimeSpan SkewRetryThreshold = TimeSpan.FromSeconds(30);

    // The seed is kept and imported per signature rather than held as a key: NSec keys live in
    // guarded native memory (pages each), too much for a simulated fleet of thousands of devices.
    private readonly byte[] _actSeed;

    public DeviceApiClient(KusabiApiClient api, DeviceBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(bundle);
        if (bundle.ActId is not { } actId || bundle.ActPrivateKey is not { Length: Ed25519KeyPair.PrivateSeedSize } seed)
            throw new ArgumentException($"Device {bundle.DeviceRef} is not activated; it has no act key to sign requests with.", nameof(bundle));
        Api = api;
        DeviceRef = bundle.DeviceRef;
        ActId = actId;
        _actSeed = seed.ToArray();
    }

    public KusabiApiClient Api { get; }

    public DeviceRef DeviceRef { get; }

    public KusabiId ActId { get; }

    public Task<UpdatePollResponse> PollUpdateAsync(CancellationToken cancellationToken) => GetAsync<UpdatePollResponse>(UpdatePath, cancellationToken);

    public Task ReportStatusAsync(UpdateStatusReport report, CancellationToken cancellationToken) => PostAsync(UpdateStatusPath, report, cancellationToken);

    public Task<InventoryNonce> GetInventoryNonceAsync(CancellationToken cancellationToken) => PostAsync<InventoryNonce>(InventoryNoncePath, null, cancellationToken);

    public Task<InventoryVerdict> SendInventoryAsync(InventoryReport report, CancellationToken cancellationToken) =>
        PostAsync<InventoryVerdict>(InventoryPath, report, cancellationToken);

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, path, [], cancellationToken)).ReadJson<T>($"GET {path}");

    /// <summary>POSTs <paramref name="body"/> as JSON, or an empty body when it is null.</summary>
    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Post, path, Serialize(body), cancellationToken)).ReadJson<T>($"POST {path}");

    /// <summary>POSTs and accepts any 2xx answer (204 included) without reading it.</summary>
    public Task PostAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, Serialize(body), cancellationToken);

    /// <summary>A signed GET whose 2xx answer is returned at its headers, for streaming; the caller disposes it.</summary>
    public Task<HttpResponseMessage> GetStreamAsync(string pathOrUrl, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        WithSkewRetryAsync(() => Api.SendStreamingAsync(pathOrUrl, uri => Sign(HttpMethod.Get, uri, []), cancellationToken, timeout));

    /// <summary>Sends <paramref name="body"/> exactly as given (empty for none), signed per attempt.</summary>
    public Task<ApiAnswer> SendAsync(HttpMethod method, string path, byte[] body, CancellationToken cancellationToken) =>
        WithSkewRetryAsync(() => Api.SendAsync(path, uri => Sign(method, uri, body), cancellationToken));

    /// <summary>
    /// A request carrying a fresh <c>Authorization: Kusabi-Device …</c> header over
    /// <paramref name="body"/> (JSON content type when there is a body, no content for an empty GET).
    /// </summary>
    public HttpRequestMessage Sign(HttpMethod method, Uri uri, byte[] body)
    {
        var request = body.Length > 0 || method != HttpMethod.Get
            ? KusabiApiClient.BytesRequest(method, uri, body)
            : new HttpRequestMessage(method, uri);
        if (body.Length == 0 && request.Content is not null) request.Content.Headers.ContentType = null;
        using var key = Ed25519KeyPair.Import(_actSeed);
        var header = DeviceRequestAuth.CreateHeader(key, ActId, method.Method, uri.PathAndQuery, body, Api.Clock.NowUnixMilliseconds);
        request.Headers.TryAddWithoutValidation("Authorization", header);
        return request;
    }

    private static byte[] Serialize(object? body) =>
        body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), KusabiJson.Options);

    private async Task<T> WithSkewRetryAsync<T>(Func<Task<T>> send)
    {
        var offsetBefore = Api.Clock.Offset;
        try
        {
            return await send();
        }
        catch (KusabiApiException e) when (e.Status == 401 && (Api.Clock.Offset - offsetBefore).Duration() > SkewRetryThreshold)
        {
            // The answer's Date corrected our idea of server time; the new signature uses it.
            return await send();
        }
    }

    public override string ToString() => $"DeviceApiClient {DeviceRef} ({ActId})";
}
