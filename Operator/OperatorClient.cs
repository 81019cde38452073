using System.Net.Http.Headers;
using Kusabi.Client;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.Operator;

/// <summary>
/// The operator endpoints (bearer token): register an art key, upload an artifact, publish a signed
/// release, start, follow and halt a deployment. Uploads are idempotent (the server keys artifacts by
/// hash), so a failed upload is safely retried with the stream opened afresh.
/// </summary>
public sealed class OperatorClient
{
    public const string ArtKeysPath = "v1/operator/art-keys";
    public const string ArtifactsPath = "v1/operator/artifacts";
    public const string ReleasesPath = "v1/operator/releases";
    public const string DeploymentsPath = "v1/operator/deployments";

    private readonly KusabiApiClient _api;
    private readonly string _token;

    public OperatorClient(KusabiApiClient api, string operatorToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorToken);
        _api = api;
        _token = operatorToken;
    }

    /// <summary>Chain writes (art key, release anchor) wait for a receipt.</summary>
    public TimeSpan ChainWriteTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Bound on one artifact upload, body included.</summary>
    public TimeSpan UploadTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public Task<ArtKeyRegistered> RegisterArtKeyAsync(KusabiId id, ReadOnlySpan<byte> publicKey, CancellationToken cancellationToken)
    {
        var request = new ArtKeyRegistrationRequest(id.ToString(), Base64Url.Encode(publicKey));
        return _api.PostAsync<ArtKeyRegistered>(ArtKeysPath, request, cancellationToken, _token, ChainWriteTimeout);
    }

    /// <summary>
    /// PUTs <paramref name="length"/> bytes from <paramref name="open"/> (called once per attempt)
    /// to /v1/operator/artifacts/{sha256}. True when newly stored (201), false when already there (200).
    /// </summary>
    public async Task<bool> UploadArtifactAsync(string sha256Hex, Func<Stream> open, long length, CancellationToken cancellationToken)
    {
        if (!Hex.TryDecode(sha256Hex, out var hash) || hash.Length != 32)
            throw new ArgumentException($"'{sha256Hex}' is not a SHA-256 in hexadecimal.", nameof(sha256Hex));
        ArgumentNullException.ThrowIfNull(open);
        var answer = await _api.SendAsync($"{ArtifactsPath}/{Hex.Encode(hash)}", uri =>
        {
            var content = new StreamContent(open(), 81920);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = length;
            var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            return request;
        }, cancellationToken, UploadTimeout);
        return answer.Status == 201;
    }

    public Task<ReleasePublished> PublishReleaseAsync(SignedRelease release, CancellationToken cancellationToken) =>
        _api.PostAsync<ReleasePublished>(ReleasesPath, release, cancellationToken, _token, ChainWriteTimeout);

    /// <summary>
    /// Starts a deployment. One Idempotency-Key for all attempts: a retry after a lost answer gets
    /// the deployment the first attempt started rather than a second one.
    /// </summary>
    public async Task<DeploymentStatus> StartDeploymentAsync(DeploymentRequest request, CancellationToken cancellationToken)
    {
        var idempotencyKey = Guid.NewGuid().ToString("N");
        var answer = await _api.SendAsync(DeploymentsPath, uri =>
        {
            var message = KusabiApiClient.JsonRequest(HttpMethod.Post, uri, request, _token);
            message.Headers.Add("Idempotency-Key", idempotencyKey);
            return message;
        }, cancellationToken);
        return answer.ReadJson<DeploymentStatus>($"POST {DeploymentsPath}");
    }

    public Task<DeploymentStatus> GetDeploymentAsync(string id, CancellationToken cancellationToken) =>
        _api.GetAsync<DeploymentStatus>($"{DeploymentsPath}/{Uri.EscapeDataString(id)}", cancellationToken, _token);

    /// <summary>Halts a deployment (empty body); any 2xx answer is success.</summary>
    public async Task HaltDeploymentAsync(string id, CancellationToken cancellationToken) =>
        await _api.SendAsync($"{DeploymentsPath}/{Uri.EscapeDataString(id)}/halt", uri =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            return request;
        }, cancellationToken);
}
