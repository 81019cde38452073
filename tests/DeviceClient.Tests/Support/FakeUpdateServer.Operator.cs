using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Kusabi.Operator;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Tests.Support;

public sealed partial class FakeUpdateServer
{
    public const string OperatorToken = "operator-secret";

    private readonly Dictionary<string, byte[]> _artKeys = [];
    private readonly Dictionary<string, (ulong Version, string Hash)> _anchors = [];
    private readonly Dictionary<string, DeploymentRequest> _deployments = [];
    private readonly Dictionary<(string, ulong), SignedRelease> _releases = [];

    /// <summary>Body text of every deployment request, to check the exact field names.</summary>
    public List<string> DeploymentBodies { get; } = [];

    private HttpResponseMessage Operator(HttpRequestMessage request, string path, byte[] body)
    {
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: OperatorToken })
            return FakeHandler.Problem(401, "unauthorized", "A valid operator bearer token is required.");
        switch (request.Method.Method, path)
        {
            case ("POST", "/v1/operator/art-keys"):
                var key = Read<ArtKeyRegistrationRequest>(body);
                _artKeys[key.Id] = Base64Url.Decode(key.PublicKey);
                return Json(HttpStatusCode.Created, new ArtKeyRegistered(key.Id, 10, "0xa1"));
            case ("PUT", _) when path.StartsWith("/v1/operator/artifacts/", StringComparison.Ordinal):
                var sha = path["/v1/operator/artifacts/".Length..];
                if (request.Content?.Headers.ContentType?.MediaType != "application/octet-stream") return FakeHandler.Problem(415, "unsupported-media-type", "octet-stream only");
                if (Hex.Encode(SHA256.HashData(body)) != sha) return FakeHandler.Problem(400, "artifact-hash-mismatch", "The body does not hash to the URL.");
                var existed = !Artifacts.TryAdd(sha, body);
                return new HttpResponseMessage(existed ? HttpStatusCode.OK : HttpStatusCode.Created);
            case ("POST", "/v1/operator/releases"):
                var release = Read<SignedRelease>(body);
                var (manifest, bytes, signature) = ReleaseSigning.Open(release);
                if (!_artKeys.TryGetValue(manifest.ArtId, out var artPublicKey) || !ReleaseSigning.Verify(artPublicKey, bytes, signature))
                    return FakeHandler.Problem(400, "invalid-signature", "The release does not verify with a registered art key.");
                if (!Artifacts.ContainsKey(manifest.ArtifactSha256)) return FakeHandler.Problem(409, "unknown-artifact", "Upload the artifact first.");
                var hash = Hex.Encode(ReleaseSigning.ManifestHash(bytes));
                _anchors[manifest.Product] = (manifest.Version, hash);
                _releases[(manifest.Product, manifest.Version)] = release;
                return Json(HttpStatusCode.Created, new ReleasePublished(manifest.Product, manifest.Version, hash, 11, "0xb2"));
            case ("POST", "/v1/operator/deployments"):
                DeploymentBodies.Add(System.Text.Encoding.UTF8.GetString(body));
                var deployment = Read<DeploymentRequest>(body);
                if (!_releases.TryGetValue((deployment.Product, deployment.Version), out var published)) return FakeHandler.Problem(404, "unknown-release", "No such release.");
                var id = $"dep-{_deployments.Count + 1}";
                _deployments[id] = deployment;
                var (m, _, _) = ReleaseSigning.Open(published);
                foreach (var device in deployment.Devices ?? [])
                {
                    var actId = DeviceActIds[device];
                    AssignLocked(actId, new UpdateAssignment(id, published, $"/v1/device/artifacts/{m.ArtifactSha256}",
                        new ArtKeyStatus(m.ArtId, Base64Url.Encode(_artKeys[m.ArtId]), "Art", "Active"),
                        new ReleaseAnchor(_anchors[m.Product].Version, _anchors[m.Product].Hash)), Artifacts[m.ArtifactSha256]);
                }
                return Json(HttpStatusCode.Created, new DeploymentStatus(id, deployment.Product, deployment.Version, DeploymentStatus.Running, 1, 1));
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }
}
