using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Chain;
using Kusabi.Silo.Security;

namespace Kusabi.Silo.Endpoints;

public sealed record FactoryKey(string Id, string DeviceRef, string PublicKey);

/// <summary>Keys to register, optionally tagged with a factory lot so the lot can be revoked at once.</summary>
public sealed record FactoryRegistrationRequest(List<FactoryKey> Keys, string? Lot = null);

public sealed record FactoryRegistered(string Id, long Block, string Transaction);

public sealed record FactoryRegistrationResponse(List<FactoryRegistered> Registered);

/// <summary>
/// The build environment registers pre keys here rather than on chain directly, so the provisioning
/// server stays the only writer and factories need no chain account.
/// </summary>
public static class FactoryEndpoints
{
    public const int MaxKeysPerRequest = 500;
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapFactory(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/factory/pre-keys", RegisterAsync).RequireRole(ApiRole.Factory);
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, ChainRuntime chain, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<FactoryRegistrationRequest>(request, MaxBodyBytes, cancellationToken);
        if (problem is not null) return problem;
        if (body!.Keys is not { Count: > 0 and <= MaxKeysPerRequest })
            return Problems.Malformed($"'keys' must hold 1–{MaxKeysPerRequest} keys.");

        var registrations = new List<KeyRegistration>(body.Keys.Count);
        for (var i = 0; i < body.Keys.Count; i++)
        {
            var key = body.Keys[i];
            if (key is null) return Problems.Malformed($"keys[{i}] is null.");
            if (!WireFields.TryId(key.Id, $"keys[{i}].id", out var id, out problem)
                || !WireFields.TryBytes(key.PublicKey, $"keys[{i}].publicKey", 32, 32, out var publicKey, out problem))
                return problem!;
            if (!DeviceRef.TryParse(key.DeviceRef, out var device))
                return Problems.Malformed($"'keys[{i}].deviceRef' must be 64 hexadecimal characters.");
            registrations.Add(new KeyRegistration(id, KeyPurpose.Pre, KeyAlgorithm.X25519, publicKey, device));
        }
        if (registrations.Select(r => r.Id).Distinct().Count() != registrations.Count)
            return Problems.Malformed("A kusabi-ID appears twice in 'keys'.");
        if (body.Lot is { } lot && (lot.Length is 0 or > 64 || !lot.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            return Problems.Malformed("'lot' must be 1–64 letters, digits, '-', '_' or '.'.");
        if (body.Lot is not null)
            await grains.GetGrain<ILotGrain>(body.Lot).Add(registrations.Select(r => new LotMember(r.Device!.Value.ToString(), r.Id.ToString())).ToList());

        var pending = registrations.Select(r => chain.Gateway.RegisterAsync(r, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(pending);
        }
        catch (Exception)
        {
            // Reported per key below; the others are on chain, and registering them again is a no-op.
        }
        var conflicts = registrations.Where((_, i) => pending[i].Exception?.InnerException is KeyConflictException or InvalidKeyException)
            .Select(r => r.Id.ToString()).ToList();
        if (conflicts.Count > 0)
            return Problems.Malformed($"Already registered with a different key, or invalid: {string.Join(", ", conflicts.Take(20))}.");
        if (pending.FirstOrDefault(p => p.IsFaulted) is { } failed)
            return Problems.For(ProblemCodes.ChainUnavailable, $"The registry did not confirm every key: {failed.Exception!.InnerException!.Message}. Registering again is safe.");

        return Results.Json(new FactoryRegistrationResponse(
            registrations.Select((r, i) => new FactoryRegistered(r.Id.ToString(), pending[i].Result.BlockNumber, pending[i].Result.TransactionHash)).ToList()));
    }
}
