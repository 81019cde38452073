using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Updates;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Chain;
using Kusabi.Silo.Fleet;
using Kusabi.Silo.Security;

namespace Kusabi.Silo.Endpoints;

public sealed record DeploymentRequest(
    string Product, ulong Version, string? Target, List<string>? Devices, int? WaveSize, int? WavePercent,
    int FailureThresholdPercent = 20, int MaxAttemptsPerDevice = 2);

/// <summary>Forced OTA: operators start, watch and halt deployments of a release to a fleet.</summary>
public static class DeploymentEndpoints
{
    public const int MaxDevices = 100_000;

    public static IEndpointRouteBuilder MapDeployments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/operator/deployments", StartAsync).RequireRole(ApiRole.Operator);
        app.MapPost("/v1/operator/deployments/{id}/halt", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IDeploymentGrain>(id).Halt("Halted by an operator.") is { } progress
                ? Results.Json(progress) : Problems.For(ProblemCodes.UnknownDeployment, $"No deployment {id}."))
            .RequireRole(ApiRole.Operator);
        app.MapGet("/v1/operator/deployments/{id}", async (string id, IGrainFactory grains) =>
            await grains.GetGrain<IDeploymentGrain>(id).GetProgress() is { } progress
                ? Results.Json(progress) : Problems.For(ProblemCodes.UnknownDeployment, $"No deployment {id}."))
            .RequireRole(ApiRole.Operator, ApiRole.Viewer);
        return app;
    }

    private static async Task<IResult> StartAsync(HttpRequest request, IGrainFactory grains, FleetQuery fleet, ChainRuntime chain, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<DeploymentRequest>(request, 8 * 1024 * 1024, cancellationToken);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.Product) || body.Version == 0) return Problems.Malformed("'product' and a 'version' above 0 are required.");
        if (body.FailureThresholdPercent is < 0 or > 100) return Problems.Malformed("'failureThresholdPercent' must be 0–100.");
        if (body.MaxAttemptsPerDevice is < 1 or > 10) return Problems.Malformed("'maxAttemptsPerDevice' must be 1–10.");
        if ((body.Target == "all") == (body.Devices is not null))
            return Problems.Malformed("Give either \"target\": \"all\" or a 'devices' list of device references.");
        if (await grains.GetGrain<IReleaseCatalogGrain>(body.Product).Get(body.Version) is not { } release)
            return Problems.For(ProblemCodes.UnknownRelease, $"No published release {body.Product} {body.Version}.");
        // Devices refuse a release whose art key was revoked after publishing; do not send it out at all.
        var (_, artRefused) = await ArtKeys.ReadActiveAsync(chain, KusabiId.Parse(release.ArtId), cancellationToken);
        if (artRefused is not null) return artRefused;

        List<string> devices;
        if (body.Devices is { } listed)
        {
            if (listed.Count is 0 or > MaxDevices) return Problems.Malformed($"'devices' must hold 1–{MaxDevices} device references.");
            var invalid = listed.FirstOrDefault(d => !DeviceRef.TryParse(d, out _));
            if (invalid is not null) return Problems.Malformed($"'{invalid}' is not a device reference (64 hex characters).");
            devices = listed.Select(d => d.ToLowerInvariant()).Distinct().ToList();
        }
        else
        {
            devices = (await fleet.FindAsync(new FleetFilter(Phase: DevicePhase.Active), MaxDevices)).Select(d => d.DeviceRef).ToList();
            if (devices.Count == 0) return Problems.Malformed("The fleet has no active device to update.");
        }
        var waveSize = DeploymentWaves.SizeFor(devices.Count, body.WaveSize, body.WavePercent) ?? -1;
        if (waveSize < 1) return Problems.Malformed("Give at most one of 'waveSize' (≥ 1) and 'wavePercent' (1–100).");

        var (id, keyProblem) = DeploymentIds.For(request.Headers[DeploymentIds.IdempotencyHeader]);
        if (keyProblem is not null) return keyProblem;
        // A retried start (same Idempotency-Key) answers with the deployment it already started.
        if (await grains.GetGrain<IDeploymentGrain>(id).GetProgress() is { } existing)
        {
            return existing.Product == body.Product && existing.Version == body.Version
                ? Results.Json(existing, statusCode: 200)
                : Problems.For(ProblemCodes.IdempotencyKeyReused, $"The {DeploymentIds.IdempotencyHeader} was already used for {existing.Product} {existing.Version}.");
        }
        var started = await grains.GetGrain<IDeploymentGrain>(id).Start(new DeploymentPlan(body.Product, body.Version, devices, waveSize,
            body.FailureThresholdPercent, body.MaxAttemptsPerDevice));
        if (started.Failure is { } failure) return Problems.For(failure);
        await grains.GetGrain<IUpdateDirectoryGrain>(0).AddDeployment(id);
        return Results.Json(started.Value, statusCode: 201);
    }
}
