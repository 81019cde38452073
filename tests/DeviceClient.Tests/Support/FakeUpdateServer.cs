using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kusabi.DeviceClient.Device;
using Kusabi.Protocol.DeviceAuth;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Tests.Support;

/// <summary>
/// The server side of the device update endpoints (and, in the other part, the operator ones),
/// written from the documented contract with the Protocol library: every device request's signature
/// is checked with <see cref="DeviceRequestAuth.Verify"/>, timestamps against the server clock
/// (±5 min) and nonces against replay. Bodies are parsed refusing unknown fields, as the server does.
/// </summary>
public sealed partial class FakeUpdateServer : HttpMessageHandler
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions s_strict = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private readonly Lock _gate = new();
    private readonly HashSet<string> _seenNonces = [];
    private readonly HashSet<string> _inventoryNonces = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _expected = [];

    /// <summary>Server time minus real time; the Date header of every answer says so.</summary>
    public TimeSpan ClockOffset { get; set; }

    public int PollAfterSeconds { get; set; } = 5;

    /// <summary>Act ID → act public key.</summary>
    public Dictionary<string, byte[]> ActKeys { get; } = [];

    /// <summary>Device ref → act ID.</summary>
    public Dictionary<string, string> DeviceActIds { get; } = [];

    /// <summary>Act ID → the assignment the device gets until it reports installed or failed.</summary>
    public Dictionary<string, UpdateAssignment> Assignments { get; } = [];

    /// <summary>SHA-256 hex → artifact.</summary>
    public Dictionary<string, byte[]> Artifacts { get; } = [];

    /// <summary>Called first; a non-null answer is returned as is (after the signature check for device paths).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

    public ConcurrentQueue<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = new();

    public ConcurrentQueue<(string ActId, UpdateStatusReport Report)> Reports { get; } = new();

    public ConcurrentQueue<(string ActId, InventoryReport Report)> Inventories { get; } = new();

    public ConcurrentQueue<string> AuthFailures { get; } = new();

    public DateTimeOffset Now => DateTimeOffset.UtcNow + ClockOffset;

    public void AddDevice(DeviceBundle bundle, byte[] actPublicKey)
    {
        lock (_gate)
        {
            ActKeys[bundle.ActId!.Value.ToString()] = actPublicKey;
            DeviceActIds[bundle.DeviceRef.ToString()] = bundle.ActId!.Value.ToString();
        }
    }

    /// <summary>Assigns a release to a device and stores its artifact; the device's expected inventory becomes the manifest's.</summary>
    public void Assign(DeviceBundle bundle, UpdateAssignment assignment, byte[] artifact)
    {
        lock (_gate) AssignLocked(bundle.ActId!.Value.ToString(), assignment, artifact);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Enqueue((request, body));
        var path = request.RequestUri!.AbsolutePath;
        HttpResponseMessage response;
        if (path.StartsWith("/v1/operator/", StringComparison.Ordinal))
        {
            response = Intercept?.Invoke(request) ?? Locked(() => Operator(request, path, body));
        }
        else if (Locked(() => Authenticate(request, body)) is { } refusal)
        {
            response = refusal;
        }
        else
        {
            response = Intercept?.Invoke(request) ?? Locked(() => Device(request, path, body));
        }
        response.Headers.Date = Now;
        return response;
    }

    private HttpResponseMessage? Authenticate(HttpRequestMessage request, byte[] body)
    {
        var header = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null;
        string? failure = null;
        if (!DeviceRequestAuth.TryParse(header, out var credential, out var error)) failure = error;
        else if (!ActKeys.TryGetValue(credential!.ActId.ToString(), out var publicKey)) failure = "unknown act key";
        else if ((DateTimeOffset.FromUnixTimeMilliseconds(credential.TimestampMs) - Now).Duration() > Window) failure = "stale timestamp";
        else if (!_seenNonces.Add(Base64Url.Encode(credential.Nonce))) failure = "replayed nonce";
        else if (!DeviceRequestAuth.Verify(publicKey, credential, request.Method.Method, request.RequestUri!.PathAndQuery, SHA256.HashData(body))) failure = "bad signature";
        if (failure is null) return null;
        AuthFailures.Enqueue(failure);
        return FakeHandler.Problem(401, "unauthorized", failure);
    }

    private HttpResponseMessage Device(HttpRequestMessage request, string path, byte[] body)
    {
        var actId = DeviceRequestAuth.TryParse(request.Headers.GetValues("Authorization").Single(), out var c, out _) ? c!.ActId.ToString() : "";
        switch (request.Method.Method, path)
        {
            case ("GET", "/v1/device/update"):
                return Json(HttpStatusCode.OK, new UpdatePollResponse(Assignments.GetValueOrDefault(actId), PollAfterSeconds));
            case ("GET", _) when path.StartsWith("/v1/device/artifacts/", StringComparison.Ordinal):
                if (!Artifacts.TryGetValue(path["/v1/device/artifacts/".Length..], out var artifact)) return FakeHandler.Problem(404, "unknown-artifact", "No such artifact.");
                var content = new ByteArrayContent(artifact);
                content.Headers.ContentType = new("application/octet-stream");
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            case ("POST", "/v1/device/update/status"):
                var report = Read<UpdateStatusReport>(body);
                Reports.Enqueue((actId, report));
                if (report.State is UpdateStates.Installed or UpdateStates.Failed) Assignments.Remove(actId);
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            case ("POST", "/v1/device/inventory/nonce"):
                if (body.Length != 0) return FakeHandler.Problem(400, "malformed-request", "The nonce request has no body.");
                var nonce = Base64Url.Encode(RandomNumberGenerator.GetBytes(16));
                _inventoryNonces.Add(nonce);
                return Json(HttpStatusCode.OK, new InventoryNonce(nonce, Now.AddMinutes(5)));
            case ("POST", "/v1/device/inventory"):
                var inventory = Read<InventoryReport>(body);
                if (!_inventoryNonces.Remove(inventory.Nonce)) return FakeHandler.Problem(409, "unknown-nonce", "Not an issued nonce.");
                Inventories.Enqueue((actId, inventory));
                return Json(HttpStatusCode.OK, Verdict(actId, inventory.Inventory));
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }

    private InventoryVerdict Verdict(string actId, IReadOnlyDictionary<string, string> reported)
    {
        var expected = new Dictionary<string, string>(_expected.GetValueOrDefault(actId) ?? new Dictionary<string, string>()) { [InventoryItems.ActKey] = actId };
        var differences = expected.Where(e => reported.GetValueOrDefault(e.Key) != e.Value)
            .Select(e => new InventoryDifference(e.Key, e.Value, reported.GetValueOrDefault(e.Key)))
            .Concat(reported.Where(r => !expected.ContainsKey(r.Key)).Select(r => new InventoryDifference(r.Key, null, r.Value)))
            .ToList();
        return new InventoryVerdict(differences.Count == 0, differences, differences.Count > 0);
    }

    private void AssignLocked(string actId, UpdateAssignment assignment, byte[] artifact)
    {
        Assignments[actId] = assignment;
        Artifacts[Hex.Encode(SHA256.HashData(artifact))] = artifact;
        try
        {
            _expected[actId] = ReleaseSigning.Open(assignment.Release).Manifest.ExpectedInventory;
        }
        catch (FormatException)
        {
            _expected.Remove(actId); // tests hand out broken releases on purpose
        }
    }

    private T Locked<T>(Func<T> action)
    {
        lock (_gate) return action();
    }

    private static T Read<T>(byte[] body) => JsonSerializer.Deserialize<T>(body, s_strict)!;

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T value) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(value, KusabiJson.Options), Encoding.UTF8, "application/json") };
}
