using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Updates;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;
using Kusabi.Silo.Chain;
using Kusabi.Silo.Updates;
using Microsoft.Extensions.Options;

namespace Kusabi.Silo.Endpoints;

/// <summary>What an activated device asks for: its update, the artifact, and its inventory check (docs/update.md).</summary>
public static class DeviceUpdateEndpoints
{
    public static IEndpointRouteBuilder MapDeviceUpdates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/device");
        group.MapGet("/update", PollAsync);
        group.MapGet("/artifacts/{sha256}", DownloadAsync);
        group.MapPost("/update/status", ReportAsync);
        group.MapPost("/inventory/nonce", InventoryNonceAsync);
        group.MapPost("/inventory", InventoryAsync);
        return app;
    }

    private static async Task<IResult> PollAsync(HttpContext context, ChainRuntime chain, IGrainFactory grains, IOptions<UpdateSettings> settings)
    {
        var (device, problem) = await DeviceRequestReader.ReadAsync(context, chain, grains);
        if (problem is not null) return problem;
        var poll = settings.Value.PollAfterSeconds;
        if (await device!.Grain.GetAssignment() is not { } assignment) return Results.Json(new UpdatePollResponse(null, poll));
        var release = await grains.GetGrain<IReleaseCatalogGrain>(assignment.Product).Get(assignment.Version);
        if (release is null) return Results.Json(new UpdatePollResponse(null, poll));
        try
        {
            var art = await chain.Reader.GetKeyAsync(KusabiId.Parse(release.ArtId), context.RequestAborted);
            var anchor = await chain.Reader.GetLatestReleaseAsync(ReleaseSigning.ProductKey(release.Product), context.RequestAborted);
            return Results.Json(new UpdatePollResponse(new UpdateAssignment(
                assignment.DeploymentId,
                new SignedRelease(release.Manifest, release.Signature),
                $"/v1/device/artifacts/{release.ArtifactSha256}",
                new ArtKeyStatus(release.ArtId, Base64Url.Encode(art.PublicKey), art.Purpose.ToString(), art.Status.ToString()),
                new ReleaseAnchor(anchor.Version, Convert.ToHexStringLower(anchor.ManifestHash))), poll));
        }
        catch (ChainException e)
        {
            return Problems.For(ProblemCodes.ChainUnavailable, $"The registry could not be read: {e.Message}");
        }
    }

    private static async Task<IResult> DownloadAsync(string sha256, HttpContext context, ChainRuntime chain, IGrainFactory grains, ArtifactStore artifacts)
    {
        var (device, problem) = await DeviceRequestReader.ReadAsync(context, chain, grains);
        if (problem is not null) return problem;
        var assignment = await device!.Grain.GetAssignment();
        var release = assignment is null ? null : await grains.GetGrain<IReleaseCatalogGrain>(assignment.Product).Get(assignment.Version);
        if (release is null || !string.Equals(release.ArtifactSha256, sha256, StringComparison.OrdinalIgnoreCase))
            return Problems.For(ProblemCodes.AssignmentMismatch, "Only the artifact of the device's assigned update can be downloaded.");
        if (!artifacts.TryGet(sha256, out var file))
            return Problems.For(ProblemCodes.ArtifactMissing, "The artifact is not in the store.");
        return Results.File(file.FullName, "application/octet-stream", enableRangeProcessing: true);
    }

    private static async Task<IResult> ReportAsync(HttpContext context, ChainRuntime chain, IGrainFactory grains)
    {
        var (device, problem) = await DeviceRequestReader.ReadAsync(context, chain, grains);
        if (problem is not null) return problem;
        var (report, malformed) = JsonBody.Parse<UpdateStatusReport>(device!.Body);
        if (malformed is not null) return malformed;
        if (string.IsNullOrWhiteSpace(report!.DeploymentId) || !UpdateStates.IsKnown(report.State))
            return Problems.Malformed("'deploymentId' is required and 'state' must be downloading, installed or failed.");
        var refused = await device.Grain.ReportUpdate(report.DeploymentId, report.State, report.Detail);
        return refused is null ? Results.NoContent() : Problems.For(refused);
    }

    private static async Task<IResult> InventoryNonceAsync(HttpContext context, ChainRuntime chain, IGrainFactory grains, IOptions<UpdateSettings> settings, TimeProvider time)
    {
        var (device, problem) = await DeviceRequestReader.ReadAsync(context, chain, grains);
        if (problem is not null) return problem;
        var nonce = await device!.Grain.IssueInventoryNonce();
        return Results.Json(new InventoryNonce(Base64Url.Encode(nonce.Value!), time.GetUtcNow() + settings.Value.InventoryNonceLifetime));
    }

    private static async Task<IResult> InventoryAsync(HttpContext context, ChainRuntime chain, IGrainFactory grains)
    {
        var (device, problem) = await DeviceRequestReader.ReadAsync(context, chain, grains);
        if (problem is not null) return problem;
        var (report, malformed) = JsonBody.Parse<InventoryReport>(device!.Body);
        if (malformed is not null) return malformed;
        if (!WireFields.TryBytes(report!.Nonce, "nonce", 16, 16, out var nonce, out problem)) return problem!;
        if (report.Inventory is not { Count: > 0 and <= 256 } || report.Inventory.Any(i => i.Key.Length > 128 || i.Value is null || i.Value.Length > 512))
            return Problems.Malformed("'inventory' must hold 1–256 items, names ≤ 128 and values ≤ 512 characters.");
        var outcome = await device.Grain.SubmitInventory(nonce, new Dictionary<string, string>(report.Inventory));
        if (outcome.Failure is { } failure) return Problems.For(failure);
        var result = outcome.Value!;
        return Results.Json(new InventoryVerdict(result.Compliant,
            result.Differences.Select(d => new InventoryDifference(d.Item, d.Expected, d.Reported)).ToList(), result.Quarantined));
    }
}
