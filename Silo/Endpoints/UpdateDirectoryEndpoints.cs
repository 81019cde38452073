using Kusabi.Grains.Interfaces;
using Kusabi.Silo.Security;

namespace Kusabi.Silo.Endpoints;

public sealed record ProductReleases(string Product, IReadOnlyList<ReleaseResponse> Releases);

/// <summary>Lists every product's releases and the most recent deployments, for the management screen.</summary>
public static class UpdateDirectoryEndpoints
{
    public const int MaxDeploymentsListed = 200;

    public static IEndpointRouteBuilder MapUpdateDirectory(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v1/operator").RequireRole(ApiRole.Operator, ApiRole.Viewer);
        read.MapGet("/releases", ReleasesAsync);
        read.MapGet("/deployments", DeploymentsAsync);
        return app;
    }

    private static async Task<IResult> ReleasesAsync(IGrainFactory grains)
    {
        var products = await grains.GetGrain<IUpdateDirectoryGrain>(0).Products();
        var listed = await Task.WhenAll(products.Select(async product => new ProductReleases(product,
            (await grains.GetGrain<IReleaseCatalogGrain>(product).List())
                .Select(r => new ReleaseResponse(r.Product, r.Version, r.ManifestHash, r.AnchorBlock, r.AnchorTransaction)).ToList())));
        return Results.Json(listed);
    }

    private static async Task<IResult> DeploymentsAsync(HttpRequest request, IGrainFactory grains)
    {
        if (!int.TryParse(request.Query["limit"].FirstOrDefault() ?? "50", out var limit) || limit is < 1 or > MaxDeploymentsListed)
            return Problems.Malformed($"'limit' must be 1–{MaxDeploymentsListed}.");
        var ids = await grains.GetGrain<IUpdateDirectoryGrain>(0).Deployments(limit);
        var progress = await Task.WhenAll(ids.Select(id => grains.GetGrain<IDeploymentGrain>(id).GetProgress()));
        return Results.Json(progress.OfType<DeploymentProgress>());
    }
}
