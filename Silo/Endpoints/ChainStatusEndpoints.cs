using Kusabi.Silo.Chain;
using Kusabi.Silo.Security;

namespace Kusabi.Silo.Endpoints;

/// <summary>The chain as operators watch it: head block, the gateway's pending work, the accounts in play.</summary>
public sealed record ChainStatus(
    bool Reachable, long? HeadBlock, long ChainId, string Contract, string GatewayAccount, bool? GatewayIsMember,
    int PendingRegistrations, int InFlightTransactions, long TransactionsMined, long EntriesCommitted, long LastMinedBlock,
    bool Embedded, string? LastError);

public static class ChainStatusEndpoints
{
    public static IEndpointRouteBuilder MapChainStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/operator/chain", async (ChainRuntime chain, CancellationToken cancellationToken) =>
        {
            var gateway = chain.Gateway.Status;
            long? head = null;
            bool? member = null;
            var error = gateway.LastError;
            try
            {
                head = await chain.Reader.GetBlockNumberAsync(cancellationToken);
                member = await chain.Reader.IsMemberAsync(gateway.SignerAddress, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message;
            }
            return Results.Json(new ChainStatus(head is not null, head, chain.Options.ChainId, chain.Options.ContractAddress ?? "", gateway.SignerAddress, member,
                gateway.QueuedEntries + gateway.InFlightEntries, gateway.InFlightTransactions, gateway.TransactionsMined, gateway.EntriesCommitted,
                gateway.LastMinedBlock, chain.IsEmbedded, error));
        }).RequireRole(ApiRole.Operator, ApiRole.Viewer);
        return app;
    }
}
