using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Kusabi.DeviceClient.Device;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Tests.Support;

/// <summary>
/// The server side of the factory and activation endpoints, written independently from the device
/// code with the Protocol library, so a passing activation proves the device is byte-exact with the
/// documented protocol. <see cref="Intercept"/> can replace any answer to inject failures.
/// </summary>
public sealed class FakeKusabiServer
{
    public const string Token = "factory-secret";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, byte[]> _preKeys = [];
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly Dictionary<string, ConfirmActivationRequest> _confirmed = [];

    public FakeKusabiServer() => Handler = new FakeHandler(RespondAsync);

    public FakeHandler Handler { get; }

    /// <summary>Called first with the path and the 1-based count of calls to that path; a non-null answer is returned as is.</summary>
    public Func<string, int, HttpResponseMessage?>? Intercept { get; set; }

    /// <summary>Act IDs the server saw confirmed, with their public keys.</summary>
    public Dictionary<string, byte[]> Activated { get; } = [];

    private Dictionary<string, int> Calls { get; } = [];

    public void RegisterDirectly(PreKeyEntry key)
    {
        lock (_gate) _preKeys[key.Id.ToString()] = key.PublicKey;
    }

    private Task<HttpResponseMessage> RespondAsync(HttpRequestMessage request, string body)
    {
        var path = request.RequestUri!.AbsolutePath;
        int call;
        lock (_gate) call = Calls[path] = Calls.GetValueOrDefault(path) + 1;
        if (Intercept?.Invoke(path, call) is { } intercepted) return Task.FromResult(intercepted);
        lock (_gate)
        {
            return Task.FromResult(path switch
            {
                "/v1/factory/pre-keys" => Factory(request, body),
                "/v1/activation/sessions" => Begin(Read<BeginActivationRequest>(body)),
                "/v1/activation/act-key" => ActKey(Read<ActKeyRequest>(body)),
                "/v1/activation/confirm" => Confirm(Read<ConfirmActivationRequest>(body)),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            });
        }
    }

    private HttpResponseMessage Factory(HttpRequestMessage request, string body)
    {
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: Token })
            return FakeHandler.Problem(401, ProblemCodes.Unauthorized, "A valid factory bearer token is required.");
        var keys = Read<FactoryRegistrationRequest>(body).Keys;
        if (keys.Count is < 1 or > 500) return FakeHandler.Problem(400, ProblemCodes.MalformedRequest, "'keys' must hold 1-500 keys.");
        foreach (var key in keys) _preKeys[key.Id] = Base64Url.Decode(key.PublicKey);
        var registered = keys.Select(k => new FactoryRegisteredDto(k.Id, 7, "0xabc")).ToList();
        return Answer(HttpStatusCode.OK, new FactoryRegistrationResponse(registered));
    }

    private HttpResponseMessage Begin(BeginActivationRequest request)
    {
        if (!_preKeys.TryGetValue(request.PreId, out var publicKey)) return FakeHandler.Problem(404, ProblemCodes.UnknownKey, "No such pre key.");
        var session = new Session(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32));
        _sessions[request.PreId] = session;
        var sealedGrant = Hpke.SealBase(HpkeAead.Aes256Gcm, publicKey, [.. "kusabi/activation/v1"u8, .. KusabiId.Parse(request.PreId).ToArray()], [],
            [.. session.Id, .. session.Key]);
        return Answer(HttpStatusCode.Created, new BeginActivationResponse(
            Base64Url.Encode(sealedGrant.EncapsulatedKey), Base64Url.Encode(sealedGrant.Ciphertext), DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    private HttpResponseMessage ActKey(ActKeyRequest request)
    {
        if (!_sessions.TryGetValue(request.PreId, out var session) || Base64Url.Encode(session.Id) != request.SessionId)
            return FakeHandler.Problem(404, ProblemCodes.UnknownSession, "No open activation session has this ID; start again at step 1.");
        var nonce = SessionCipher.Open(session.Key, Base64Url.Decode(request.Sealed), [.. "kusabi/act-request/v1"u8, .. session.Id]);
        if (nonce.Length != 16 || !session.Nonces.Add(Convert.ToHexString(nonce)))
            return FakeHandler.Problem(409, ProblemCodes.ReplayedRequest, "This act-key request was already answered.");
        using var act = Ed25519KeyPair.Generate();
        var actId = KusabiId.Create(KeyPurpose.Act, act.PublicKey);
        session.ActId = actId;
        session.ActPublicKey = act.PublicKey.ToArray();
        var grant = SessionCipher.Seal(session.Key, [.. actId.ToArray(), .. act.ExportPrivateSeed()], [.. "kusabi/act-grant/v1"u8, .. session.Id, .. nonce]);
        return Answer(HttpStatusCode.OK, new ActKeyResponse(Base64Url.Encode(grant)));
    }

    private HttpResponseMessage Confirm(ConfirmActivationRequest request)
    {
        // The identical step 5 resent after success is answered 200 again (protocol §10).
        if (_confirmed.TryGetValue(request.PreId, out var previous) && previous == request)
            return Answer(HttpStatusCode.OK, new ConfirmActivationResponse(request.ActId, "active"));
        if (!_sessions.TryGetValue(request.PreId, out var session) || Base64Url.Encode(session.Id) != request.SessionId)
            return FakeHandler.Problem(404, ProblemCodes.UnknownSession, "No open activation session has this ID; start again at step 1.");
        if (session.ActId?.ToString() != request.ActId) return FakeHandler.Problem(409, ProblemCodes.ActKeyMismatch, "Not the issued act key.");
        byte[] transcript = [.. "kusabi/act-confirm/v1"u8, .. session.Id, .. KusabiId.Parse(request.PreId).ToArray(), .. session.ActId!.Value.ToArray(), .. session.ActPublicKey!];
        if (!Ed25519Signer.Verify(session.ActPublicKey, transcript, Base64Url.Decode(request.Signature)))
            return FakeHandler.Problem(400, ProblemCodes.InvalidSignature, "The signature does not verify.");
        _sessions.Remove(request.PreId);
        _confirmed[request.PreId] = request;
        Activated[request.ActId] = session.ActPublicKey;
        return Answer(HttpStatusCode.OK, new ConfirmActivationResponse(request.ActId, "active"));
    }

    private static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, KusabiJson.Options)!;

    private static HttpResponseMessage Answer<T>(HttpStatusCode status, T value) =>
        FakeHandler.Json(status, JsonSerializer.Serialize(value, KusabiJson.Options));

    private sealed class Session(byte[] id, byte[] key)
    {
        public byte[] Id { get; } = id;

        public byte[] Key { get; } = key;

        public HashSet<string> Nonces { get; } = [];

        public KusabiId? ActId { get; set; }

        public byte[]? ActPublicKey { get; set; }
    }
}
