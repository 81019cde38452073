namespace Kusabi.DeviceClient.Device;

/// <summary>
/// Registers pre keys through POST /v1/factory/pre-keys, in requests of at most
/// <see cref="MaxKeysPerRequest"/> keys with a few in flight. Registering a key twice is a no-op on
/// the server, so failed requests are safely retried (by <see cref="KusabiApiClient"/>).
/// </summary>
public sealed class FactoryClient
{
    public const string PreKeysPath = "v1/factory/pre-keys";
    public const int MaxKeysPerRequest = 500;
    public const int DefaultParallelism = 4;

    /// <summary>A full request waits for its keys to be mined, well beyond an activation step.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromMinutes(2);

    private readonly KusabiApiClient _api;
    private readonly string _token;
    private readonly int _chunkSize;
    private readonly int _parallelism;

    public FactoryClient(KusabiApiClient api, string factoryToken, int chunkSize = MaxKeysPerRequest, int parallelism = DefaultParallelism)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(factoryToken);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, MaxKeysPerRequest);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _api = api;
        _token = factoryToken;
        _chunkSize = chunkSize;
        _parallelism = parallelism;
    }

    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>
    /// Registers every key. <paramref name="onRegistered"/> runs once per accepted chunk (so callers
    /// can persist exactly the devices whose keys are registered); <paramref name="progress"/> gets
    /// the running total of registered keys. The first failure stops the rest and is rethrown.
    /// </summary>
    public async Task<IReadOnlyList<RegisteredPreKey>> RegisterAsync(
        IReadOnlyList<PreKeyEntry> keys,
        Func<FactoryChunk, CancellationToken, Task>? onRegistered = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var results = new RegisteredPreKey[keys.Count];
        var offsets = Enumerable.Range(0, (keys.Count + _chunkSize - 1) / _chunkSize).Select(i => i * _chunkSize);
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(offsets, parallel, async (offset, ct) =>
        {
            var count = Math.Min(_chunkSize, keys.Count - offset);
            var chunk = await RegisterChunkAsync(keys, offset, count, ct);
            chunk.CopyTo(results, offset);
            if (onRegistered is not null) await onRegistered(new FactoryChunk(offset, count, chunk), ct);
            progress?.Report(Interlocked.Add(ref done, count));
        });
        return results;
    }

    private async Task<RegisteredPreKey[]> RegisterChunkAsync(IReadOnlyList<PreKeyEntry> keys, int offset, int count, CancellationToken cancellationToken)
    {
        var wire = new FactoryKeyDto[count];
        for (var i = 0; i < count; i++) wire[i] = keys[offset + i].ToWire();
        var response = await _api.PostAsync<FactoryRegistrationResponse>(
            PreKeysPath, new FactoryRegistrationRequest(wire), cancellationToken, _token, RequestTimeout);

        // Every key we sent must come back, or we would write bundles for keys the chain does not know.
        var byId = new Dictionary<string, FactoryRegisteredDto>(StringComparer.OrdinalIgnoreCase);
        foreach (var registered in response.Registered ?? []) byId.TryAdd(registered.Id ?? "", registered);
        var result = new RegisteredPreKey[count];
        for (var i = 0; i < count; i++)
        {
            if (!byId.TryGetValue(wire[i].Id, out var registered))
                throw new KusabiProtocolException($"The factory answer does not list pre key {wire[i].Id} as registered.");
            result[i] = new RegisteredPreKey(keys[offset + i].Id, registered.Block, registered.Transaction);
        }
        return result;
    }
}
