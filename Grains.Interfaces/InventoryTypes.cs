namespace Kusabi.Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("Kusabi.InventoryDiff")]
public sealed record InventoryDiff(
    [property: Id(0)] string Item,
    [property: Id(1)] string? Expected,
    [property: Id(2)] string? Reported);

[GenerateSerializer, Immutable, Alias("Kusabi.InventoryResult")]
public sealed record InventoryResult(
    [property: Id(0)] bool Compliant,
    [property: Id(1)] IReadOnlyList<InventoryDiff> Differences,
    [property: Id(2)] bool Quarantined);
