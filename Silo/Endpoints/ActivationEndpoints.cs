using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Silo.Chain;

namespace Kusabi.Silo.Endpoints;

/// <summary>The device side of activation (docs/protocol.md): three POSTs, each answered by the device's grain.</summary>
public static class ActivationEndpoints
{
    /// <summary>Every activation message is far below this; anything larger is refused unread.</summary>
    public const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapActivation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/activation");
        group.MapPost("/sessions", BeginAsync);
        group.MapPost("/act-key", ActKeyAsync);
        group.MapPost("/confirm", ConfirmAsync);
        return app;
    }

    private static async Task<IResult> BeginAsync(HttpRequest request, PreKeyResolver keys, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<BeginActivationRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        if (!WireFields.TryId(body!.PreId, "preId", out var preId, out problem)) return problem!;

        var (key, refused) = await keys.ReadAsync(preId, cancellationToken);
        if (refused is not null) return refused;
        var snapshot = new PreKeySnapshot(preId.ToString(), key!.PublicKey, key.Status == Kusabi.Chain.Model.KeyStatus.Consumed);
        var outcome = await grains.GetGrain<IDeviceGrain>(key.Device!.Value.ToString()).BeginActivation(snapshot);
        if (outcome.Failure is { } failure) return Problems.For(failure);
        var offer = outcome.Value!;
        return Results.Json(new BeginActivationResponse(Base64Url.Encode(offer.Enc), Base64Url.Encode(offer.Sealed), offer.ExpiresAt), statusCode: 201);
    }

    private static async Task<IResult> ActKeyAsync(HttpRequest request, PreKeyResolver keys, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ActKeyRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        if (!WireFields.TryId(body!.PreId, "preId", out var preId, out problem)
            || !WireFields.TryBytes(body.SessionId, "sessionId", ActivationCrypto.SessionIdSize, ActivationCrypto.SessionIdSize, out var sessionId, out problem)
            || !WireFields.TryBytes(body.Sealed, "sealed", SessionCipher.Overhead + 1, 256, out var sealedRequest, out problem))
            return problem!;

        var (device, refused) = await keys.DeviceOfAsync(preId, cancellationToken);
        if (refused is not null) return refused;
        var outcome = await grains.GetGrain<IDeviceGrain>(device!.Value.ToString()).IssueActKey(preId.ToString(), sessionId, sealedRequest);
        return outcome.Failure is { } failure ? Problems.For(failure) : Results.Json(new ActKeyResponse(Base64Url.Encode(outcome.Value!)));
    }

    private static async Task<IResult> ConfirmAsync(HttpRequest request, PreKeyResolver keys, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ConfirmActivationRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        if (!WireFields.TryId(body!.PreId, "preId", out var preId, out problem)
            || !WireFields.TryBytes(body.SessionId, "sessionId", ActivationCrypto.SessionIdSize, ActivationCrypto.SessionIdSize, out var sessionId, out problem)
            || !WireFields.TryId(body.ActId, "actId", out var actId, out problem)
            || !WireFields.TryBytes(body.Signature, "signature", Ed25519KeyPair.SignatureSize, Ed25519KeyPair.SignatureSize, out var signature, out problem))
            return problem!;

        var (device, refused) = await keys.DeviceOfAsync(preId, cancellationToken);
        if (refused is not null) return refused;
        var outcome = await grains.GetGrain<IDeviceGrain>(device!.Value.ToString()).ConfirmActivation(preId.ToString(), sessionId, actId.ToString(), signature);
        return outcome.Failure is { } failure ? Problems.For(failure) : Results.Json(new ConfirmActivationResponse(outcome.Value!, "active"));
    }
}
