using Kusabi.Protocol.Activation;
using Microsoft.AspNetCore.Diagnostics;

namespace Kusabi.Silo.Endpoints;

/// <summary>
/// Whatever escapes an endpoint still gets an RFC 9457 answer. Cluster and storage faults (a silo
/// that died mid-call, Redis restarting, a grain call timing out) are transient: 503, retry.
/// </summary>
public static class UnhandledErrors
{
    public const string ServiceUnavailable = "service-unavailable";

    public static IApplicationBuilder UseKusabiErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var transient = error is TimeoutException or OperationCanceledException or OrleansException
                || error?.GetType().Namespace?.StartsWith("StackExchange.Redis", StringComparison.Ordinal) == true;
            var status = transient ? 503 : 500;
            var code = transient ? ServiceUnavailable : "internal-error";
            context.Response.StatusCode = status;
            if (transient) context.Response.Headers.RetryAfter = "1";
            await Results.Problem(
                detail: transient ? "The cluster could not complete the request right now; retry it." : "An unexpected error occurred; nothing more is shown for safety.",
                statusCode: status, title: transient ? "Service unavailable" : "Internal error", type: ProblemCodes.TypePrefix + code,
                extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(context);
        }));
}
