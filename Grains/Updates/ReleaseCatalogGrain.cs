using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;

namespace Kusabi.Grains.Updates;

[GenerateSerializer, Alias("Kusabi.ReleaseCatalogState")]
public sealed class ReleaseCatalogState
{
    [Id(0)] public List<ReleaseRecord> Releases { get; set; } = [];
}

/// <summary>The verified releases of one product. Versions only increase, as on chain.</summary>
public sealed class ReleaseCatalogGrain(
    [PersistentState("releases", DeviceGrain.StorageName)] IPersistentState<ReleaseCatalogState> storage) : Grain, IReleaseCatalogGrain
{
    public async Task<Outcome<ReleaseRecord>> Add(ReleaseRecord release)
    {
        var existing = storage.State.Releases.Find(r => r.Version == release.Version);
        if (existing is not null)
        {
            return existing.ManifestHash == release.ManifestHash
                ? Outcome<ReleaseRecord>.Ok(existing)
                : new Failure(ProblemCodes.VersionNotIncreasing, $"{release.Product} {release.Version} already exists with another manifest.");
        }
        var newest = storage.State.Releases.LastOrDefault();
        if (newest is not null && release.Version <= newest.Version)
            return new Failure(ProblemCodes.VersionNotIncreasing, $"{release.Product} {release.Version} is not above the newest release {newest.Version}.");
        storage.State.Releases.Add(release);
        await storage.WriteStateAsync();
        return Outcome<ReleaseRecord>.Ok(release);
    }

    public Task<ReleaseRecord?> Get(ulong version) => Task.FromResult(storage.State.Releases.Find(r => r.Version == version));

    public Task<IReadOnlyList<ReleaseRecord>> List() => Task.FromResult<IReadOnlyList<ReleaseRecord>>(storage.State.Releases.ToList());
}
