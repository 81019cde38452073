using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.Cli;

/// <summary>
/// The part `simulate` and `loadtest` share: one HttpClient sized to the concurrency, progress bars
/// on stderr, and --timeout bounding the whole run.
/// </summary>
internal static class FleetRunner
{
    public static async Task<FleetRun> RunAsync(int devices, int concurrency, Uri server, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = KusabiHttp.CreateClient(Math.Max(concurrency, FactoryClient.DefaultParallelism));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var simulator = new FleetSimulator(new KusabiApiClient(http, server), token);
        var registered = new ProgressBar("registered", devices);
        var activated = new ProgressBar("activated ", devices);
        try
        {
            return await simulator.RunAsync(devices, concurrency, registered, activated, deadline.Token);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"--timeout {timeout} elapsed while registering the fleet; nothing was activated.", e);
        }
        finally
        {
            registered.Finish();
            activated.Finish();
        }
    }
}
