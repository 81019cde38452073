using Kusabi.Chain.Model;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Chain;

namespace Kusabi.Silo.Fleet;

/// <summary>A key of a device as the chain holds it now.</summary>
public sealed record ChainKeyView(string Id, string Role, string Purpose, string Status, string Reason, long RegisteredBlock, long StatusBlock, string Registrar);

/// <summary>One device for operators: its grain's view plus the live on-chain status of each of its keys.</summary>
public sealed record DeviceDetail(DeviceView Device, IReadOnlyList<ChainKeyView> Keys);

public static class DeviceDetails
{
    public static async Task<DeviceDetail> ReadAsync(DeviceView view, ChainRuntime chain, CancellationToken cancellationToken)
    {
        var keys = new List<ChainKeyView>();
        foreach (var (id, role) in new[] { (view.PreId, "pre"), (view.ActId, "act"), (view.PendingActId, "pending-act") })
        {
            if (id is null || !KusabiId.TryParse(id, out var kusabiId)) continue;
            try
            {
                var key = await chain.Reader.GetKeyAsync(kusabiId, cancellationToken);
                keys.Add(new ChainKeyView(id, role, key.Purpose.ToString(), key.Status.ToString(), key.Reason.ToString(), key.RegisteredBlock, key.StatusBlock, key.Registrar));
            }
            catch (UnknownKeyException)
            {
                keys.Add(new ChainKeyView(id, role, "", "NotOnChain", "", 0, 0, ""));
            }
        }
        return new DeviceDetail(view, keys);
    }
}
