using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;

namespace Kusabi.Grains.Fleet;

[GenerateSerializer, Alias("Kusabi.LotState")]
public sealed class LotState
{
    [Id(0)] public List<LotMember> Members { get; set; } = [];
}

public sealed class LotGrain([PersistentState("lot", DeviceGrain.StorageName)] IPersistentState<LotState> storage) : Grain, ILotGrain
{
    public async Task Add(IReadOnlyList<LotMember> members)
    {
        var known = storage.State.Members.Select(m => m.PreId).ToHashSet();
        var added = members.Where(m => known.Add(m.PreId)).ToList();
        if (added.Count == 0) return;
        storage.State.Members.AddRange(added);
        await storage.WriteStateAsync();
    }

    public Task<IReadOnlyList<LotMember>> Members() => Task.FromResult<IReadOnlyList<LotMember>>(storage.State.Members.ToList());
}
