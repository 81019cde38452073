using System.Net.Http.Json;
using System.Security.Cryptography;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// A device speaking the wire protocol step by step, so tests can stop, repeat or corrupt any step.
/// </summary>
public sealed class RawDevice : IDisposable
{
    private readonly HttpClient _http;

    public RawDevice(HttpClient http)
    {
        _http = http;
        PreId = KusabiId.Create(KeyPurpose.Pre, PreKey.PublicKey);
    }

    public object FactoryKey() => new { id = PreId.ToString(), deviceRef = Device.ToString(), publicKey = Base64Url.Encode(PreKey.PublicKey) };

    public X25519KeyPair PreKey { get; } = X25519KeyPair.Generate();
    public DeviceRef Device { get; } = DeviceRef.CreateRandom();
    public KusabiId PreId { get; }
    public byte[] SessionId { get; private set; } = [];
    public byte[] SessionKey { get; private set; } = [];
    public byte[] LastNonce { get; private set; } = [];
    public KusabiId ActId { get; private set; }
    public Ed25519KeyPair? ActKey { get; private set; }

    public static async Task<RawDevice> RegisteredAsync(HttpClient http, string factoryToken)
    {
        var device = new RawDevice(http);
        var response = await device.RegisterAsync(factoryToken);
        response.EnsureSuccessStatusCode();
        return device;
    }

    public Task<HttpResponseMessage> RegisterAsync(string factoryToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/factory/pre-keys")
        {
            Content = JsonContent.Create(new { keys = new[] { FactoryKey() } }),
        };
        request.Headers.Authorization = new("Bearer", factoryToken);
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> BeginRawAsync(string? preId = null) =>
        _http.PostAsJsonAsync("/v1/activation/sessions", new BeginActivationRequest(preId ?? PreId.ToString()));

    public async Task BeginAsync()
    {
        var response = await BeginRawAsync();
        await Expect(response, 201);
        var offer = (await response.Content.ReadFromJsonAsync<BeginActivationResponse>())!;
        var grant = Hpke.OpenBase(ActivationCrypto.Aead, Base64Url.Decode(offer.Enc), PreKey, ActivationCrypto.HpkeInfo(PreId), [], Base64Url.Decode(offer.Sealed));
        (SessionId, SessionKey) = ActivationCrypto.ParseSessionGrant(grant);
    }

    public ActKeyRequest ActKeyRequest(byte[]? nonce = null)
    {
        LastNonce = nonce ?? RandomNumberGenerator.GetBytes(ActivationCrypto.RequestNonceSize);
        var sealedRequest = SessionCipher.Seal(SessionKey, LastNonce, ActivationCrypto.ActRequestAad(SessionId));
        return new ActKeyRequest(PreId.ToString(), Base64Url.Encode(SessionId), Base64Url.Encode(sealedRequest));
    }

    public Task<HttpResponseMessage> ActKeyRawAsync(ActKeyRequest request) => _http.PostAsJsonAsync("/v1/activation/act-key", request);

    public async Task RequestActKeyAsync()
    {
        var response = await ActKeyRawAsync(ActKeyRequest());
        await Expect(response, 200);
        var body = (await response.Content.ReadFromJsonAsync<ActKeyResponse>())!;
        var grant = SessionCipher.Open(SessionKey, Base64Url.Decode(body.Sealed), ActivationCrypto.ActGrantAad(SessionId, LastNonce));
        var (actId, seed) = ActivationCrypto.ParseActGrant(grant);
        ActId = actId;
        ActKey?.Dispose();
        ActKey = Ed25519KeyPair.Import(seed);
    }

    public ConfirmActivationRequest ConfirmRequest()
    {
        var transcript = ActivationCrypto.ConfirmTranscript(SessionId, PreId, ActId, ActKey!.PublicKey);
        return new ConfirmActivationRequest(PreId.ToString(), Base64Url.Encode(SessionId), ActId.ToString(), Base64Url.Encode(ActKey.Sign(transcript)));
    }

    public Task<HttpResponseMessage> ConfirmRawAsync(ConfirmActivationRequest request) => _http.PostAsJsonAsync("/v1/activation/confirm", request);

    public async Task ConfirmAsync() => await Expect(await ConfirmRawAsync(ConfirmRequest()), 200);

    /// <summary>A request signed with the act key, as every request of an activated device is.</summary>
    public HttpRequestMessage Signed(HttpMethod method, string pathAndQuery, object? body = null, long? timestampMs = null)
    {
        var bytes = body is null ? [] : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null) request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } };
        request.Headers.TryAddWithoutValidation("Authorization", Kusabi.Protocol.DeviceAuth.DeviceRequestAuth.CreateHeader(
            ActKey!, ActId, method.Method, pathAndQuery, bytes, timestampMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public async Task ActivateAsync()
    {
        await BeginAsync();
        await RequestActKeyAsync();
        await ConfirmAsync();
    }

    private static async Task Expect(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            throw new InvalidOperationException($"Expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose()
    {
        PreKey.Dispose();
        ActKey?.Dispose();
    }
}
