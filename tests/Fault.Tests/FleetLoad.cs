using System.Collections.Concurrent;
using Kusabi.DeviceClient.Device;
using Kusabi.TestSupport;

namespace Kusabi.Fault.Tests;

/// <summary>
/// A fleet driven as real devices would be: pre keys registered by the factory, then each device
/// activating against its own silo (round robin, with failover), keeping its granted bundle as
/// flash storage would, and starting over after a passing failure, a bounded number of times.
/// </summary>
public sealed class FleetLoad
{
    public const int MaxAttemptsPerDevice = 12;

    private readonly ClusterHarness _cluster;
    private readonly DeviceBundle[] _bundles;
    private readonly ConcurrentQueue<string> _passingFailures = new();
    private readonly ConcurrentDictionary<string, int> _passingCodes = new();
    private readonly int[] _finished;
    private int _completed;

    private FleetLoad(ClusterHarness cluster, DeviceBundle[] bundles)
    {
        _cluster = cluster;
        _bundles = bundles;
        _finished = new int[bundles.Length];
    }

    public static async Task<FleetLoad> RegisteredAsync(ClusterHarness cluster, int devices)
    {
        var made = DeviceManufacturer.MakeMany(devices, cluster.Silos[0].BaseAddress);
        await new FactoryClient(cluster.Apis[0], cluster.FactoryToken).RegisterAsync(made.Select(d => d.PreKey).ToList());
        return new FleetLoad(cluster, made.Select(d => d.Bundle).ToArray());
    }

    /// <summary>Each device as it stands now: pre-activation, granted (step 5 not yet answered) or activated.</summary>
    public IReadOnlyList<DeviceBundle> Devices => _bundles;

    public int Count => _bundles.Length;

    /// <summary>Devices whose latest run has finished (activated, or stopped where asked).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Attempts that failed for a passing reason and were started again.</summary>
    public IReadOnlyCollection<string> PassingFailures => _passingFailures;

    /// <summary>How often each passing failure was seen, by problem code ("unreachable" when no answer came).</summary>
    public IReadOnlyDictionary<string, int> PassingFailureCodes => _passingCodes;

    public string Summary =>
        $"{Completed} of {Count} devices completed; activations started over after a passing failure: "
        + (_passingCodes.IsEmpty ? "none" : string.Join(", ", _passingCodes.Select(c => $"{c.Key} ×{c.Value}")));

    /// <summary>Activates the devices in <paramref name="range"/> (all by default), at most <paramref name="concurrency"/> at a time.</summary>
    public Task ActivateAsync(int concurrency, Range? range = null) => RunAsync(concurrency, range ?? Range.All, stopWhenGranted: false);

    /// <summary>Runs steps 1–4 only, as a device losing power before it confirms: each ends granted, its act key pending.</summary>
    public Task StopWhenGrantedAsync(int concurrency, Range range) => RunAsync(concurrency, range, stopWhenGranted: true);

    public Task WaitForCompletedAsync(int count, TimeSpan limit) =>
        Eventually.TrueAsync(() => Completed >= count, limit, $"{count} of {Count} devices to complete ({Completed} so far)");

    private async Task RunAsync(int concurrency, Range range, bool stopWhenGranted)
    {
        var (offset, length) = range.GetOffsetAndLength(_bundles.Length);
        for (var i = offset; i < offset + length; i++)
        {
            if (Interlocked.Exchange(ref _finished[i], 0) == 1) Interlocked.Decrement(ref _completed);
        }
        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(offset, length), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            try
            {
                await ActivateOneAsync(i, stopWhenGranted);
            }
            catch (Exception e) when (e is KusabiApiException or KusabiUnreachableException or KusabiProtocolException)
            {
                failures.Enqueue($"{_bundles[i].DeviceRef}: {e.Message}");
            }
            Interlocked.Exchange(ref _finished[i], 1);
            Interlocked.Increment(ref _completed);
        });
        failures.Should().BeEmpty("every device activates in the end (passing failures seen: {0})", string.Join("; ", _passingFailures.Take(5)));
    }

    private async Task ActivateOneAsync(int device, bool stopWhenGranted)
    {
        using var stopped = new CancellationTokenSource();
        for (var attempt = 1; ; attempt++)
        {
            var client = new ActivationClient(_cluster.ApiFor(device))
            {
                OnGranted = (granted, _) =>
                {
                    _bundles[device] = granted;
                    if (stopWhenGranted) stopped.Cancel();
                    return Task.CompletedTask;
                },
            };
            try
            {
                var result = await client.ActivateAsync(_bundles[device], stopped.Token);
                _bundles[device] = result.Bundle;
                return;
            }
            catch (OperationCanceledException) when (stopped.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsPassing(e) && attempt < MaxAttemptsPerDevice)
            {
                _passingFailures.Enqueue(e.Message);
                _passingCodes.AddOrUpdate(e is KusabiApiException api ? api.Code : "unreachable", 1, (_, n) => n + 1);
            }
        }
    }

    /// <summary>
    /// The cluster, its storage or the chain was briefly away, or a crash took the session with it
    /// more often than one activation's own restarts allow: a device simply tries again.
    /// </summary>
    private static bool IsPassing(Exception e) =>
        e is KusabiUnreachableException || e is KusabiApiException { Status: 502 or 503 or 504 } || ActivationClient.StartsAgain(e);
}
