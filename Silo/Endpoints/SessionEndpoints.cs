using Kusabi.Silo.Security;

namespace Kusabi.Silo.Endpoints;

public sealed record SessionResponse(string Role);

/// <summary>
/// The management screen's sign-in: checks the bearer token, answers its role (so the screen knows
/// which actions to offer) and sets the session cookie the Orleans dashboard's pages authenticate with.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/operator/session").RequireRole(ApiRole.Operator, ApiRole.Viewer);
        group.MapGet("", (HttpContext context) => Results.Json(new SessionResponse(RoleOf(context))));
        group.MapPost("", (HttpContext context) =>
        {
            // The filter has accepted the Authorization header, so the token after "Bearer " is valid.
            SessionCookie.Set(context, context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim());
            return Results.Json(new SessionResponse(RoleOf(context)));
        });
        group.MapDelete("", (HttpContext context) =>
        {
            SessionCookie.Clear(context);
            return Results.NoContent();
        });
        return app;
    }

    private static string RoleOf(HttpContext context) => ((ApiRole)context.Items[RoleFilter.RoleItem]!).ToString().ToLowerInvariant();
}
