using System.Net.Http.Json;
using System.Security.Cryptography;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.EndToEnd.Tests;

/// <summary>The release signer's side: an art key, artifacts, signed releases, all through the operator API.</summary>
public sealed class ReleaseKit(SiloFixture silo) : IDisposable
{
    public Ed25519KeyPair ArtKey { get; } = Ed25519KeyPair.Generate();
    public KusabiId ArtId { get; private set; }
    public string Product { get; } = $"sensor-{Guid.NewGuid():N}"[..15];

    public async Task RegisterArtKeyAsync()
    {
        ArtId = KusabiId.Create(KeyPurpose.Art, ArtKey.PublicKey);
        (await OperatorAsync(HttpMethod.Post, "/v1/operator/art-keys", JsonContent.Create(new { id = ArtId.ToString(), publicKey = Base64Url.Encode(ArtKey.PublicKey) })))
            .EnsureSuccessStatusCode();
    }

    public static byte[] Artifact(int size = 4096) => RandomNumberGenerator.GetBytes(size);

    public static string Sha256(byte[] artifact) => Convert.ToHexStringLower(SHA256.HashData(artifact));

    public Task<HttpResponseMessage> UploadAsync(byte[] artifact, string? sha256 = null) =>
        OperatorAsync(HttpMethod.Put, $"/v1/operator/artifacts/{sha256 ?? Sha256(artifact)}", new ByteArrayContent(artifact) { Headers = { ContentType = new("application/octet-stream") } });

    public ReleaseManifest Manifest(byte[] artifact, ulong version, KusabiId? artId = null) => new(Product, "hw1", version, Sha256(artifact), artifact.Length,
        new Dictionary<string, string> { ["firmware.product"] = Product, ["firmware.version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["firmware.sha256"] = Sha256(artifact) },
        (artId ?? ArtId).ToString());

    public Task<HttpResponseMessage> PublishAsync(SignedRelease release) => OperatorAsync(HttpMethod.Post, "/v1/operator/releases", JsonContent.Create(release));

    /// <summary>Uploads an artifact and publishes its release signed with the art key.</summary>
    public async Task<(byte[] Artifact, ReleaseManifest Manifest)> ReleaseAsync(ulong version)
    {
        var artifact = Artifact();
        (await UploadAsync(artifact)).EnsureSuccessStatusCode();
        var manifest = Manifest(artifact, version);
        var response = await PublishAsync(ReleaseSigning.Sign(manifest, ArtKey));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (artifact, manifest);
    }

    public Task<HttpResponseMessage> OperatorAsync(HttpMethod method, string path, HttpContent? content = null) =>
        SendAsOperatorAsync(new HttpRequestMessage(method, path) { Content = content });

    public Task<HttpResponseMessage> SendAsOperatorAsync(HttpRequestMessage request)
    {
        request.Headers.Authorization = new("Bearer", silo.OperatorToken);
        return silo.Http.SendAsync(request);
    }

    public void Dispose() => ArtKey.Dispose();
}
