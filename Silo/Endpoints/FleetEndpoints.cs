using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Chain;
using Kusabi.Silo.Fleet;
using Kusabi.Silo.Security;

namespace Kusabi.Silo.Endpoints;

public sealed record RevokeRequest(string? Reason);

public sealed record QuarantineRequest(bool Quarantined, string? Reason);

public sealed record FleetPage(int Page, int PageSize, bool HasMore, IReadOnlyList<DeviceSummary> Devices);

public sealed record LotRevocation(string Lot, int Keys, long? Block, string? Transaction);

/// <summary>Fleet queries over the device grains (through the sharded index) and operator actions.</summary>
public static class FleetEndpoints
{
    public const int MaxPageSize = 500;
    /// <summary>~10 k gas per revocation keeps a lot's single transaction under the 2^24 gas cap.</summary>
    public const int MaxKeysPerRevocation = 1_000;

    public static IEndpointRouteBuilder MapFleet(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v1/operator").RequireRole(ApiRole.Operator, ApiRole.Viewer);
        read.MapGet("/fleet/summary", SummaryAsync);
        read.MapGet("/devices", ListAsync);
        read.MapGet("/devices/{deviceRef}", DetailAsync);
        var act = app.MapGroup("/v1/operator").RequireRole(ApiRole.Operator);
        act.MapPost("/devices/{deviceRef}/revoke", RevokeDeviceAsync);
        act.MapPost("/devices/{deviceRef}/quarantine", QuarantineAsync);
        act.MapPost("/lots/{lot}/revoke", RevokeLotAsync);
        return app;
    }

    private static async Task<IResult> SummaryAsync(FleetQuery fleet, ChainRuntime chain, CancellationToken cancellationToken)
    {
        var counts = await fleet.CountsAsync();
        long? head = null;
        try { head = await chain.Reader.GetBlockNumberAsync(cancellationToken); } catch (ChainException) { }
        return Results.Json(new { fleet = counts, chain = new { headBlock = head, contract = chain.Options.ContractAddress, gateway = chain.Gateway.Status } });
    }

    private static async Task<IResult> ListAsync(HttpRequest request, FleetQuery fleet, IGrainFactory grains)
    {
        var query = request.Query;
        DevicePhase? phase = null;
        if (query["phase"].FirstOrDefault() is { } p)
        {
            if (!Enum.TryParse<DevicePhase>(p, ignoreCase: true, out var parsed)) return Problems.Malformed($"'phase' must be one of {string.Join(", ", Enum.GetNames<DevicePhase>())}.");
            phase = parsed;
        }
        bool? quarantined = null;
        if (query["quarantined"].FirstOrDefault() is { } q)
        {
            if (!bool.TryParse(q, out var parsed)) return Problems.Malformed("'quarantined' must be true or false.");
            quarantined = parsed;
        }
        var search = query["q"].FirstOrDefault();
        if (search is { Length: > 64 } || search?.All(Uri.IsHexDigit) == false) return Problems.Malformed("'q' must be up to 64 hex characters of a device reference or kusabi-ID.");
        if (!int.TryParse(query["page"].FirstOrDefault() ?? "0", out var page) || page < 0 || page > 10_000) return Problems.Malformed("'page' must be 0–10000.");
        if (!int.TryParse(query["pageSize"].FirstOrDefault() ?? "50", out var size) || size is < 1 or > MaxPageSize) return Problems.Malformed($"'pageSize' must be 1–{MaxPageSize}.");

        var product = query["product"].FirstOrDefault();
        if (product is { Length: 0 or > 64 }) return Problems.Malformed("'product' must be 1–64 characters.");
        ulong? version = null;
        if (query["version"].FirstOrDefault() is { } v)
        {
            if (!ulong.TryParse(v, out var parsed) || parsed == 0) return Problems.Malformed("'version' must be a positive integer.");
            version = parsed;
        }
        IReadOnlyList<string>? members = null;
        if (query["lot"].FirstOrDefault() is { } lot)
        {
            if (lot.Length is 0 or > 64) return Problems.Malformed("'lot' must be 1–64 characters.");
            members = (await grains.GetGrain<ILotGrain>(lot).Members()).Select(m => m.DeviceRef).ToList();
            if (members.Count == 0) return Problems.For(ProblemCodes.UnknownDevice, $"No devices are recorded in lot '{lot}'.");
        }

        var found = await fleet.FindAsync(new FleetFilter(phase, quarantined, search?.ToLowerInvariant(), members, product, version), (page + 1) * size + 1);
        return Results.Json(new FleetPage(page, size, found.Count > (page + 1) * size, found.Skip(page * size).Take(size).ToList()));
    }

    private static async Task<IResult> DetailAsync(string deviceRef, IGrainFactory grains, ChainRuntime chain, CancellationToken cancellationToken)
    {
        if (!DeviceRef.TryParse(deviceRef, out var device)) return Problems.Malformed("The device reference must be 64 hex characters.");
        var view = await grains.GetGrain<IDeviceGrain>(device.ToString()).GetView();
        if (view.PreId is null) return Problems.For(ProblemCodes.UnknownDevice, $"No device {device} has been seen.");
        return Results.Json(await DeviceDetails.ReadAsync(view, chain, cancellationToken));
    }

    private static async Task<IResult> RevokeDeviceAsync(string deviceRef, HttpRequest request, IGrainFactory grains, ChainRuntime chain, CancellationToken cancellationToken)
    {
        if (!DeviceRef.TryParse(deviceRef, out var device)) return Problems.Malformed("The device reference must be 64 hex characters.");
        var (body, problem) = await JsonBody.ReadAsync<RevokeRequest>(request, 2048, cancellationToken);
        if (problem is not null) return problem;
        var grain = grains.GetGrain<IDeviceGrain>(device.ToString());
        var view = await grain.GetView();
        if (view.PreId is null) return Problems.For(ProblemCodes.UnknownDevice, $"No device {device} has been seen.");
        var ids = new[] { view.ActId, view.PendingActId, view.Phase == DevicePhase.Active ? null : view.PreId }.OfType<string>().ToList();
        var (receipt, refused) = await RevokeActiveAsync(chain, ids, RevocationReason.Decommissioned, cancellationToken);
        if (refused is not null) return refused;
        await grain.MarkRevoked(body!.Reason ?? "Revoked by an operator.", receipt?.TransactionHash, receipt?.BlockNumber);
        return Results.Json(await DeviceDetails.ReadAsync(await grain.GetView(), chain, cancellationToken));
    }

    private static async Task<IResult> QuarantineAsync(string deviceRef, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!DeviceRef.TryParse(deviceRef, out var device)) return Problems.Malformed("The device reference must be 64 hex characters.");
        var (body, problem) = await JsonBody.ReadAsync<QuarantineRequest>(request, 2048, cancellationToken);
        if (problem is not null) return problem;
        var grain = grains.GetGrain<IDeviceGrain>(device.ToString());
        if ((await grain.GetView()).PreId is null) return Problems.For(ProblemCodes.UnknownDevice, $"No device {device} has been seen.");
        await grain.SetQuarantine(body!.Quarantined, body.Reason ?? (body.Quarantined ? "Quarantined by an operator." : "Released by an operator."));
        return Results.Json(await grain.GetView());
    }

    private static async Task<IResult> RevokeLotAsync(string lot, HttpRequest request, IGrainFactory grains, ChainRuntime chain, CancellationToken cancellationToken)
    {
        string? reason = null;
        if (request.ContentLength > 0 || request.ContentType is not null)
        {
            var (body, problem) = await JsonBody.ReadAsync<RevokeRequest>(request, 2048, cancellationToken);
            if (problem is not null) return problem;
            reason = body!.Reason is { Length: > 200 } given ? given[..200] : body.Reason;
        }
        var members = await grains.GetGrain<ILotGrain>(lot).Members();
        if (members.Count == 0) return Problems.For(ProblemCodes.UnknownDevice, $"No devices are recorded in lot '{lot}'.");
        var views = await Task.WhenAll(members.Select(m => grains.GetGrain<IDeviceGrain>(m.DeviceRef).GetView()));
        var ids = members.Select(m => m.PreId).Concat(views.Select(v => v.ActId)).Concat(views.Select(v => v.PendingActId)).OfType<string>().ToList();
        var (receipt, refused) = await RevokeActiveAsync(chain, ids, RevocationReason.Decommissioned, cancellationToken);
        if (refused is not null) return refused;
        await Task.WhenAll(members.Select(m => grains.GetGrain<IDeviceGrain>(m.DeviceRef).MarkRevoked(reason is null ? $"Lot {lot} revoked." : $"Lot {lot} revoked: {reason}", receipt?.TransactionHash, receipt?.BlockNumber)));
        return Results.Json(new LotRevocation(lot, receipt?.EntriesInTransaction ?? 0, receipt?.BlockNumber, receipt?.TransactionHash));
    }

    /// <summary>Revokes, in one transaction, those of <paramref name="ids"/> that are still active on chain.</summary>
    private static async Task<(ChainReceipt? Receipt, IResult? Problem)> RevokeActiveAsync(ChainRuntime chain, IReadOnlyList<string> ids, RevocationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            var statuses = await Task.WhenAll(ids.Select(id => chain.Reader.GetKeyAsync(KusabiId.Parse(id), cancellationToken)));
            var active = statuses.Where(k => k.Status == KeyStatus.Active).Select(k => k.Id).Distinct().ToList();
            if (active.Count == 0) return (null, null);
            if (active.Count > MaxKeysPerRevocation)
                return (null, Problems.Malformed($"{active.Count} keys exceed the {MaxKeysPerRevocation} that fit one transaction; split the lot."));
            var receipt = await chain.Gateway.CallAsync(new RevokeKeysFunction
            {
                Revocations = active.Select(id => new RevocationStruct { Id = id.ToArray(), Reason = (byte)reason }).ToList(),
            }, cancellationToken);
            return (receipt with { EntriesInTransaction = active.Count }, null);
        }
        catch (ChainException e)
        {
            return (null, Problems.For(ProblemCodes.ChainUnavailable, $"The registry did not confirm the revocation: {e.Message}"));
        }
    }
}
