using Kusabi.Silo.Security;
using Orleans.Dashboard;

namespace Kusabi.Silo.Hosting;

/// <summary>The Orleans dashboard (grains, silos, call rates) at /dashboard, for operators only.</summary>
public static class Dashboard
{
    public const string Path = "/dashboard";

    /// <summary>
    /// Every dashboard route, its page and its data calls alike, needs the operator role; the page's
    /// own requests carry no header, so they authenticate with the session cookie set at sign-in.
    /// </summary>
    public static IEndpointRouteBuilder MapKusabiDashboard(this IEndpointRouteBuilder app)
    {
        app.MapOrleansDashboard(routePrefix: Path).RequireRole(ApiRole.Operator);
        return app;
    }
}
