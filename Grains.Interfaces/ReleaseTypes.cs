namespace Kusabi.Grains.Interfaces;

/// <summary>A verified, anchored release as the catalog keeps it.</summary>
[GenerateSerializer, Immutable, Alias("Kusabi.ReleaseRecord")]
public sealed record ReleaseRecord(
    [property: Id(0)] string Product,
    [property: Id(1)] string Hardware,
    [property: Id(2)] ulong Version,
    [property: Id(3)] string Manifest,
    [property: Id(4)] string Signature,
    [property: Id(5)] string ArtId,
    [property: Id(6)] string ArtifactSha256,
    [property: Id(7)] long ArtifactSize,
    [property: Id(8)] Dictionary<string, string> ExpectedInventory,
    [property: Id(9)] string ManifestHash,
    [property: Id(10)] string? AnchorTransaction,
    [property: Id(11)] long? AnchorBlock,
    [property: Id(12)] DateTimeOffset CreatedAt);

/// <summary>The releases of one product, newest version last.</summary>
[Alias("Kusabi.IReleaseCatalogGrain")]
public interface IReleaseCatalogGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task<Outcome<ReleaseRecord>> Add(ReleaseRecord release);

    [Alias("Get")]
    Task<ReleaseRecord?> Get(ulong version);

    [Alias("List")]
    Task<IReadOnlyList<ReleaseRecord>> List();
}
