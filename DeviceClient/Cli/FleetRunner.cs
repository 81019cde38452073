using System.CommandLine;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Simulator;

namespace Kusabi.DeviceClient.Cli;

/// <summary>The optional update phase of `simulate` and `loadtest`.</summary>
internal sealed record UpdatePhase(long ArtifactSize, string OperatorToken);

/// <summary>
/// The part `simulate` and `loadtest` share: one HttpClient sized to the concurrency, progress bars
/// on stderr, --timeout bounding the whole run, and the optional update phase after activation.
/// </summary>
internal static class FleetRunner
{
    public static async Task<(FleetRun Fleet, UpdateRun? Update)> RunAsync(
        int devices, int concurrency, Uri server, string token, TimeSpan timeout, UpdatePhase? update, CancellationToken cancellationToken)
    {
        using var http = KusabiHttp.CreateClient(Math.Max(concurrency, FactoryClient.DefaultParallelism));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var api = new KusabiApiClient(http, server);
        var simulator = new FleetSimulator(api, token);
        var registered = new ProgressBar("registered", devices);
        var activated = new ProgressBar("activated ", devices);
        FleetRun fleet;
        try
        {
            fleet = await simulator.RunAsync(devices, concurrency, registered, activated, deadline.Token);
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
        if (update is null || deadline.IsCancellationRequested) return (fleet, null);

        var bundles = fleet.Outcomes.Where(o => o.Result is not null).Select(o => o.Result!.Bundle).ToList();
        if (bundles.Count == 0)
        {
            await Console.Error.WriteLineAsync("No device activated; the update phase is skipped.");
            return (fleet, null);
        }
        var updated = new ProgressBar("updated   ", bundles.Count);
        try
        {
            var rollout = new UpdateRollout(api, update.OperatorToken);
            return (fleet, await rollout.RunAsync(bundles, update.ArtifactSize, concurrency, updated, deadline.Token));
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"--timeout {timeout} elapsed while publishing the release; no device was updated.", e);
        }
        finally
        {
            updated.Finish();
        }
    }

    /// <summary>--update-artifact-size and --operator-token-file, which come together.</summary>
    public static (Option<long?> Size, Option<string?> TokenFile) UpdateOptions(Command command)
    {
        var size = CliOptions.Validated(
            new Option<long?>("--update-artifact-size")
            {
                Description = $"After activation, publish a release of this many random bytes and update every activated device (1–{UpdateRollout.MaxArtifactSize})",
                HelpName = "BYTES",
            },
            n => n is null or (>= 1 and <= UpdateRollout.MaxArtifactSize) ? null : $"--update-artifact-size must be between 1 and {UpdateRollout.MaxArtifactSize}; got {n}.");
        var tokenFile = new Option<string?>("--operator-token-file") { Description = "Operator bearer token for the update phase (e.g. .kusabi/operator.token)", HelpName = "FILE" };
        command.Options.Add(size);
        command.Options.Add(tokenFile);
        command.Validators.Add(result =>
        {
            if (result.GetValue(size) is not null && result.GetValue(tokenFile) is null)
                result.AddError("--update-artifact-size needs --operator-token-file (the operator publishes and deploys the release).");
        });
        return (size, tokenFile);
    }

    public static UpdatePhase? ReadUpdatePhase(long? size, string? tokenFile) =>
        size is { } bytes ? new UpdatePhase(bytes, CliOptions.ReadToken(tokenFile!)) : null;
}
