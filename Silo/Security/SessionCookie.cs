namespace Kusabi.Silo.Security;

/// <summary>
/// The bearer token carried in an HttpOnly cookie, for browser pages that cannot set a header
/// (the Orleans dashboard). It is honoured on GET and HEAD only, so a forged cross-site form can
/// never act with it; changes still need the Authorization header.
/// </summary>
public static class SessionCookie
{
    public const string Name = "kusabi-session";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static void Set(HttpContext context, string token) =>
        context.Response.Cookies.Append(Name, token, Options(context, Lifetime));

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, TimeSpan.Zero));

    /// <summary>The token in the cookie when this request may be authorised by it.</summary>
    public static string? TokenOf(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? request.Cookies[Name] : null;

    // Browsers treat loopback as a secure origin, so the Secure flag also holds for a silo on http://127.0.0.1.
    private static CookieOptions Options(HttpContext context, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps || IsLoopback(context.Request.Host.Host),
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };

    private static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
