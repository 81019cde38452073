using System.Globalization;
using Kusabi.Client;

namespace Kusabi.Operator.Fleet;

/// <summary>The operator fleet endpoints: summary, listing, detail, revocation and quarantine.</summary>
public sealed class FleetClient(KusabiApiClient api, string token)
{
    public const string OperatorPath = "v1/operator";

    /// <summary>Revocations wait for a chain receipt.</summary>
    public TimeSpan ChainWriteTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public Task<FleetSummary> SummaryAsync(CancellationToken cancellationToken) =>
        api.GetAsync<FleetSummary>($"{OperatorPath}/fleet/summary", cancellationToken, token);

    public Task<FleetPage> ListAsync(FleetListQuery query, CancellationToken cancellationToken) =>
        api.GetAsync<FleetPage>($"{OperatorPath}/devices?{QueryString(query)}", cancellationToken, token);

    /// <summary>Every page of a listing, in device-reference order.</summary>
    public async IAsyncEnumerable<DeviceSummary> ListAllAsync(
        FleetListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = query.Page; ; page++)
        {
            var answer = await ListAsync(query with { Page = page }, cancellationToken);
            foreach (var device in answer.Devices) yield return device;
            if (!answer.HasMore) yield break;
        }
    }

    public Task<DeviceDetail> DeviceAsync(string deviceRef, CancellationToken cancellationToken) =>
        api.GetAsync<DeviceDetail>($"{OperatorPath}/devices/{Uri.EscapeDataString(deviceRef)}", cancellationToken, token);

    public Task<DeviceDetail> RevokeDeviceAsync(string deviceRef, string reason, CancellationToken cancellationToken) =>
        api.PostAsync<DeviceDetail>($"{OperatorPath}/devices/{Uri.EscapeDataString(deviceRef)}/revoke", new { reason }, cancellationToken, token, ChainWriteTimeout);

    public Task<DeviceView> SetQuarantineAsync(string deviceRef, bool quarantined, string? reason, CancellationToken cancellationToken) =>
        api.PostAsync<DeviceView>($"{OperatorPath}/devices/{Uri.EscapeDataString(deviceRef)}/quarantine", new { quarantined, reason }, cancellationToken, token);

    public Task<LotRevocation> RevokeLotAsync(string lot, string reason, CancellationToken cancellationToken) =>
        api.PostAsync<LotRevocation>($"{OperatorPath}/lots/{Uri.EscapeDataString(lot)}/revoke", new { reason }, cancellationToken, token, ChainWriteTimeout);

    public static string QueryString(FleetListQuery query)
    {
        var pairs = new List<(string, string?)>
        {
            ("phase", query.Phase?.ToString()), ("lot", query.Lot), ("product", query.Product),
            ("version", query.Version?.ToString(CultureInfo.InvariantCulture)), ("q", query.Search),
            ("quarantined", query.Quarantined?.ToString().ToLowerInvariant()),
            ("page", query.Page.ToString(CultureInfo.InvariantCulture)), ("pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture)),
        };
        return string.Join("&", pairs.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    }
}
