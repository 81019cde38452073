using System.Collections.Concurrent;
using System.Text.Json;
using Kusabi.DeviceClient.Device;
using Kusabi.Protocol.Identity;

namespace Kusabi.Fault.Tests;

/// <summary>Reads devices through the operator API (GET /v1/operator/devices/{ref}), as an operator would.</summary>
public sealed class OperatorDevices(KusabiApiClient api, string operatorToken)
{
    private const int Parallelism = 16;

    /// <exception cref="KusabiApiException">The API refused, e.g. 404 for a device never seen.</exception>
    public async Task<DeviceSnapshot> ReadAsync(DeviceRef device, CancellationToken cancellationToken = default) =>
        DeviceSnapshot.From(await api.GetAsync<JsonElement>($"v1/operator/devices/{device}", cancellationToken, operatorToken));

    public async Task<IReadOnlyDictionary<DeviceRef, DeviceSnapshot>> ReadAllAsync(IEnumerable<DeviceRef> devices)
    {
        var snapshots = new ConcurrentDictionary<DeviceRef, DeviceSnapshot>();
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (device, ct) => snapshots[device] = await ReadAsync(device, ct));
        return snapshots;
    }
}
