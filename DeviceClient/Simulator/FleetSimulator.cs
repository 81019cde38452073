using System.Diagnostics;
using Kusabi.DeviceClient.Device;

namespace Kusabi.DeviceClient.Simulator;

/// <summary>
/// A fleet in memory: N devices made and registered as a factory would, then each activated as a
/// device would, at most C at a time. Used by <c>simulate</c> (a smoke test) and <c>loadtest</c>.
/// </summary>
public sealed class FleetSimulator
{
    public const int MaxDevices = 100_000;
    public const int MaxConcurrency = 5_000;

    private readonly KusabiApiClient _api;
    private readonly string _factoryToken;

    public FleetSimulator(KusabiApiClient api, string factoryToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(factoryToken);
        _api = api;
        _factoryToken = factoryToken;
    }

    /// <summary>
    /// Registration failures abort the run (no device could activate); activation failures are
    /// recorded per device. Cancellation during activation marks unfinished devices "cancelled".
    /// </summary>
    public async Task<FleetRun> RunAsync(
        int devices, int concurrency, IProgress<int>? registered = null, IProgress<int>? activated = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(devices, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(devices, MaxDevices);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(concurrency, MaxConcurrency);

        var clock = Stopwatch.StartNew();
        var fleet = DeviceManufacturer.MakeMany(devices, _api.Server);
        var manufacture = clock.Elapsed;

        clock.Restart();
        await new FactoryClient(_api, _factoryToken).RegisterAsync(fleet.Select(d => d.PreKey).ToList(), progress: registered, cancellationToken: cancellationToken);
        var registration = clock.Elapsed;

        clock.Restart();
        var outcomes = await ActivateAllAsync(fleet, concurrency, activated, cancellationToken);
        return new FleetRun(devices, concurrency, manufacture, registration, clock.Elapsed, outcomes);
    }

    private async Task<DeviceOutcome[]> ActivateAllAsync(ManufacturedDevice[] fleet, int concurrency, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var client = new ActivationClient(_api);
        var outcomes = new DeviceOutcome?[fleet.Length];
        var finished = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, fleet.Length), parallel, async (i, ct) =>
            {
                outcomes[i] = await ActivateOneAsync(client, fleet[i].Bundle, ct);
                progress?.Report(Interlocked.Increment(ref finished));
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Reported below: every device not yet finished counts as cancelled.
        }
        var cancelled = new OperationCanceledException("The run ended before this device finished activating.");
        return outcomes.Select((o, i) => o ?? DeviceOutcome.Failed(fleet[i].Bundle.DeviceRef, cancelled)).ToArray();
    }

    private static async Task<DeviceOutcome> ActivateOneAsync(ActivationClient client, DeviceBundle bundle, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.ActivateAsync(bundle, cancellationToken);
            return result.Bundle.FindProblem() is { } problem
                ? DeviceOutcome.Failed(bundle.DeviceRef, new KusabiProtocolException($"The activated bundle is invalid: {problem}"))
                : new DeviceOutcome(bundle.DeviceRef, result, null, null);
        }
        catch (Exception e) when (e is KusabiApiException or KusabiUnreachableException or KusabiProtocolException or OperationCanceledException)
        {
            return DeviceOutcome.Failed(bundle.DeviceRef, e);
        }
    }
}
