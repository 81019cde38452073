using System.Diagnostics;
using System.Security.Cryptography;
using Kusabi.DeviceClient.Device;
using Kusabi.Operator;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Simulator;

/// <summary>
/// The update phase of a simulated fleet, end to end: make and register an art key, sign and publish
/// a release of random bytes for a fresh product, deploy it to the given (activated) devices, and run
/// every device's <see cref="UpdateAgent"/> until it has installed and its inventory is compliant, or
/// refused. All agents run at once (most of the time they wait for their next poll); at most
/// <c>concurrency</c> of them poll or update at a time.
/// </summary>
public sealed class UpdateRollout
{
    public const long MaxArtifactSize = 256L * 1024 * 1024;
    public const string Hardware = "sim-board-1";
    public const int DefaultMaxPolls = 10_000;

    private readonly KusabiApiClient _api;
    private readonly OperatorClient _operator;
    private readonly string _operatorToken;

    public UpdateRollout(KusabiApiClient api, string operatorToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        _operator = new OperatorClient(api, operatorToken);
        _operatorToken = operatorToken;
    }

    /// <summary>Polls per device before giving up (the run's cancellation usually comes first).</summary>
    public int MaxPolls { get; init; } = DefaultMaxPolls;

    /// <summary>Percent of failed devices at which the server halts; 100 never halts a measurement.</summary>
    public int FailureThresholdPercent { get; init; } = 100;

    /// <summary>Called for each device's agent, e.g. to inject a bad inventory item in tests.</summary>
    public Action<DeviceRef, SimulatedFirmware>? ConfigureDevice { get; init; }

    /// <exception cref="KusabiApiException">Publishing or starting the deployment was refused.</exception>
    public async Task<UpdateRun> RunAsync(
        IReadOnlyList<DeviceBundle> devices, long artifactSize, int concurrency, IProgress<int>? updated = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentOutOfRangeException.ThrowIfLessThan(devices.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(artifactSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(artifactSize, MaxArtifactSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);

        var clock = Stopwatch.StartNew();
        var artKey = ArtKey.Generate();
        await _operator.RegisterArtKeyAsync(artKey.Id, artKey.PublicKey, cancellationToken);
        var artifact = RandomNumberGenerator.GetBytes((int)artifactSize);
        var digest = ArtifactDigest.Of(artifact);
        var product = $"sim-{DateTime.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        const ulong version = 1;
        var release = ReleaseBuilder.Sign(artKey, product, Hardware, version, digest);
        await _operator.UploadArtifactAsync(digest.Sha256, () => new MemoryStream(artifact, writable: false), artifact.Length, cancellationToken);
        await _operator.PublishReleaseAsync(release, cancellationToken);
        var publish = clock.Elapsed;

        clock.Restart();
        // Only the deployment's id is read: the server's progress answer carries its state as a number,
        // which OperatorClient's DeploymentStatus (a string state) does not read.
        var deployment = await _api.PostAsync<StartedDeployment>(OperatorClient.DeploymentsPath, new DeploymentRequest(
            product, version, null, devices.Select(d => d.DeviceRef.ToString()).ToList(), null, null, FailureThresholdPercent), cancellationToken, _operatorToken);
        using var throttle = new SemaphoreSlim(concurrency);
        var finished = 0;
        var outcomes = await Task.WhenAll(devices.Select(async bundle =>
        {
            var outcome = await RunDeviceAsync(bundle, product, throttle, clock, cancellationToken);
            updated?.Report(Interlocked.Increment(ref finished));
            return outcome;
        }));
        return new UpdateRun(product, version, artifactSize, deployment.Id, publish, clock.Elapsed, outcomes);
    }

    private async Task<DeviceUpdateOutcome> RunDeviceAsync(DeviceBundle bundle, string product, SemaphoreSlim throttle, Stopwatch clock, CancellationToken cancellationToken)
    {
        // Yield first, so building thousands of agents does not serialize their first polls.
        await Task.Yield();
        try
        {
            var firmware = SimulatedFirmware.InMemory(product, Hardware, keepImage: false);
            ConfigureDevice?.Invoke(bundle.DeviceRef, firmware);
            var agent = new UpdateAgent(new DeviceApiClient(_api, bundle), firmware, new UpdateAgentOptions { StopAfterUpdate = true, Throttle = throttle });
            var run = await agent.RunAsync(MaxPolls, cancellationToken);
            return DeviceUpdateOutcome.From(bundle.DeviceRef, run, clock.Elapsed);
        }
        catch (Exception e) when (e is KusabiApiException or KusabiUnreachableException or KusabiProtocolException or OperationCanceledException)
        {
            return DeviceUpdateOutcome.Failed(bundle.DeviceRef, e, clock.Elapsed);
        }
    }
}

/// <summary>The one field of a new deployment's answer the rollout needs.</summary>
internal sealed record StartedDeployment(string Id);
