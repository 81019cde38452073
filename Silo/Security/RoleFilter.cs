using Kusabi.Protocol.Activation;
using Kusabi.Silo.Endpoints;

namespace Kusabi.Silo.Security;

/// <summary>
/// Refuses a missing or unknown bearer token (401) and a role not allowed here (403). The token comes
/// from the Authorization header or, for reads without one, from the session cookie.
/// </summary>
public sealed class RoleFilter(params ApiRole[] allowed) : IEndpointFilter
{
    public const string RoleItem = "kusabi.role";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Refusal(context.HttpContext, allowed) ?? await next(context);

    /// <summary>The problem to answer when the request's credential is missing, unknown or not allowed; null to go on.</summary>
    public static IResult? Refusal(HttpContext context, ApiRole[] allowed)
    {
        var credentials = context.RequestServices.GetRequiredService<ApiCredentials>();
        var request = context.Request;
        // A presented header decides alone; the session cookie stands in only when there is none.
        var role = request.Headers.Authorization.Count > 0
            ? credentials.RoleOf(request.Headers.Authorization)
            : credentials.RoleOfToken(SessionCookie.TokenOf(request));
        if (role is null)
            return Problems.For(ProblemCodes.Unauthorized, "A valid bearer token is required.");
        if (!allowed.Contains(role.Value))
            return Problems.For(ProblemCodes.Forbidden, $"The {role.Value.ToString().ToLowerInvariant()} role may not do this.");
        context.Items[RoleItem] = role.Value;
        return null;
    }
}

public static class RoleFilterExtensions
{
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, params ApiRole[] allowed) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RoleFilter(allowed));
}
