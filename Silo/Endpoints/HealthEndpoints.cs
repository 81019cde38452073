using Kusabi.Silo.Chain;

namespace Kusabi.Silo.Endpoints;

/// <summary>GET /health: is the chain reachable, is our account a member, how busy is the gateway. GET /health/live: is the process up.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (ChainRuntime chain, CancellationToken cancellationToken) =>
        {
            var gateway = chain.Gateway.Status;
            try
            {
                var head = await chain.Reader.GetBlockNumberAsync(cancellationToken);
                var member = await chain.Reader.IsMemberAsync(gateway.SignerAddress, cancellationToken);
                var healthy = member;
                return Results.Json(new
                {
                    status = healthy ? "healthy" : "degraded",
                    chain = new
                    {
                        reachable = true,
                        rpcUrl = chain.Options.RpcUrl,
                        chainId = chain.Options.ChainId,
                        contract = chain.Options.ContractAddress,
                        embedded = chain.IsEmbedded,
                        headBlock = head,
                        signer = gateway.SignerAddress,
                        signerIsMember = member,
                    },
                    gateway,
                }, statusCode: healthy ? 200 : 503);
            }
            catch (Exception e)
            {
                return Results.Json(new
                {
                    status = "unhealthy",
                    chain = new { reachable = false, rpcUrl = chain.Options.RpcUrl, error = e.Message },
                    gateway,
                }, statusCode: 503);
            }
        });
        // Liveness only: the process serves HTTP. A chain outage must not restart every silo.
        app.MapGet("/health/live", () => Results.Json(new { status = "alive" }));
        return app;
    }
}
