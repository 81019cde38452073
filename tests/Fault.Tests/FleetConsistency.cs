using System.Collections.Concurrent;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.DeviceClient.Device;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Identity;
using Nethereum.RPC.Eth.DTOs;

namespace Kusabi.Fault.Tests;

/// <summary>
/// The end state a fault must not break, checked against the chain and the operator API: each
/// device active with the act key it holds, that key active and its pre key consumed on chain, no
/// other act key of the device active (found by scanning every KeyRegistered event), and no
/// activation left half done in the device's grain.
/// </summary>
public sealed class FleetConsistency(ChainConnection chain, OperatorDevices operatorDevices)
{
    private readonly OperatorDevices _operator = operatorDevices;
    private const int Parallelism = 32;
    private readonly RegistryReader _reader = new(chain);

    public async Task AssertAsync(IReadOnlyList<DeviceBundle> devices)
    {
        var violations = new ConcurrentQueue<string>();
        var actKeys = await ActKeysByDeviceAsync();
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (device, ct) =>
        {
            foreach (var violation in await CheckAsync(device, actKeys.GetValueOrDefault(device.DeviceRef, []), ct))
                violations.Enqueue($"{device.DeviceRef}: {violation}");
        });
        violations.Should().BeEmpty("every one of the {0} devices is consistently active ({1} violations, first ones shown)", devices.Count, violations.Count);
    }

    private async Task<List<string>> CheckAsync(DeviceBundle device, IReadOnlyList<KusabiId> registeredActKeys, CancellationToken ct)
    {
        var found = new List<string>();
        if (device.ActId is not { } held) return [$"the device holds no act key ({device})"];

        var active = new List<KusabiId>();
        foreach (var id in registeredActKeys)
        {
            if ((await _reader.GetKeyAsync(id, ct)).Status == KeyStatus.Active) active.Add(id);
        }
        if (active.Count != 1 || active[0] != held)
            found.Add($"active act keys on chain are [{string.Join(", ", active)}], the device holds {held}");

        DeviceSnapshot grain;
        try
        {
            grain = await _operator.ReadAsync(device.DeviceRef, ct);
        }
        catch (KusabiApiException e)
        {
            found.Add($"the operator API answers {e.Status} {e.Code}");
            return found;
        }
        if (grain.Phase != DevicePhase.Active) found.Add($"the grain is in phase {grain.Phase}, not Active");
        if (grain.ActId != held.ToString()) found.Add($"the grain's act key is {grain.ActId}, the device holds {held}");
        if (grain.PendingActId is not null) found.Add($"act key {grain.PendingActId} is still pending");

        if (grain.PreId is null || !KusabiId.TryParse(grain.PreId, out var pre)) found.Add("the grain has no pre key");
        else if ((await _reader.GetKeyAsync(pre, ct)).Status != KeyStatus.Consumed) found.Add($"pre key {pre} is not consumed on chain");
        return found;
    }

    /// <summary>Every act key ever registered, by device, from the registry's KeyRegistered events.</summary>
    private async Task<Dictionary<DeviceRef, List<KusabiId>>> ActKeysByDeviceAsync()
    {
        var head = await _reader.GetBlockNumberAsync();
        var handler = chain.Web3.Eth.GetEvent<KeyRegisteredEvent>(chain.ContractAddress);
        var byDevice = new Dictionary<DeviceRef, List<KusabiId>>();
        var range = chain.Options.MaxLogBlockRange;
        for (long from = 0; from <= head; from += range)
        {
            var to = Math.Min(head, from + range - 1);
            var logs = await handler.GetAllChangesAsync(handler.CreateFilterInput(new BlockParameter((ulong)from), new BlockParameter((ulong)to)));
            foreach (var log in logs.Where(l => (KeyPurpose)l.Event.Purpose == KeyPurpose.Act))
            {
                var device = new DeviceRef(log.Event.DeviceRef);
                if (!byDevice.TryGetValue(device, out var keys)) byDevice[device] = keys = [];
                keys.Add(new KusabiId(log.Event.Id));
            }
        }
        return byDevice;
    }
}
