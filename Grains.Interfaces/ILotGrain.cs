namespace Kusabi.Grains.Interfaces;

/// <summary>A device registered in a factory lot: its device reference and pre key.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.LotMember")]
public sealed record LotMember([property: Id(0)] string DeviceRef, [property: Id(1)] string PreId);

/// <summary>The devices of one factory lot (a production batch), so a lot can be revoked at once.</summary>
[Alias("Kusabi.ILotGrain")]
public interface ILotGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(IReadOnlyList<LotMember> members);

    [Alias("Members")]
    Task<IReadOnlyList<LotMember>> Members();
}
