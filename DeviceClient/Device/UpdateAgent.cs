using System.Runtime.ExceptionServices;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

/// <summary>
/// A device's update loop (docs/update.md): poll <c>GET /v1/device/update</c>, and for an assignment
/// report "downloading", verify the release (<see cref="ReleaseVerifier"/>), download the artifact
/// bounded to the manifest's size and verify its hash (<see cref="ArtifactDownload"/>), install,
/// reboot, report "installed" and send the inventory over a fresh server nonce. Any failed check is
/// reported as "failed" with its reason and nothing is installed. Waits between polls follow the
/// device's own poll interval or else the server's pollAfterSeconds (1 s … 1 h) on <see cref="UpdateAgentOptions.Time"/>. One agent per device.
/// </summary>
public sealed partial class UpdateAgent
{
    private readonly DeviceApiClient _device;
    private readonly SimulatedFirmware _firmware;
    private readonly UpdateAgentOptions _options;
    private readonly List<UpdateError> _errors = [];
    private bool _inventoryPending;

    public UpdateAgent(DeviceApiClient device, SimulatedFirmware firmware, UpdateAgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(firmware);
        _device = device;
        _firmware = firmware;
        _options = options ?? new UpdateAgentOptions();
    }

    /// <summary>Called for every step, for printing.</summary>
    public Action<UpdateEvent>? OnEvent { get; init; }

    public SimulatedFirmware Firmware => _firmware;

    /// <summary>Every error so far that did not end in an attempt.</summary>
    public IReadOnlyList<UpdateError> Errors => _errors;

    /// <summary>
    /// Polls at most <paramref name="maxPolls"/> times (fewer with <see cref="UpdateAgentOptions.StopAfterUpdate"/>).
    /// Cancellation ends the run quietly (<see cref="UpdateAgentRun.Cancelled"/>).
    /// </summary>
    /// <exception cref="KusabiApiException">The server refuses this device's polls (4xx: unknown, revoked, bad signature).</exception>
    /// <exception cref="Exception">When not a single poll succeeded, the last poll's error.</exception>
    public async Task<UpdateAgentRun> RunAsync(int maxPolls, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPolls, 1);
        var firstError = _errors.Count;
        var attempts = new List<UpdateAttempt>();
        var waits = new List<TimeSpan>();
        InventoryVerdict? verdict = null;
        Exception? lastPollError = null;
        int polls = 0, succeeded = 0;
        var cancelled = false;
        try
        {
            while (true)
            {
                polls++;
                TimeSpan wait;
                var stop = false;
                if (_options.Throttle is { } throttle) await throttle.WaitAsync(cancellationToken);
                try
                {
                    var start = _options.Time.GetTimestamp();
                    UpdatePollResponse response;
                    var pollFailed = false;
                    try
                    {
                        response = await _device.PollUpdateAsync(cancellationToken);
                        succeeded++;
                    }
                    catch (Exception e) when (IsPassing(e))
                    {
                        lastPollError = e;
                        pollFailed = true;
                        Record("poll", e);
                        response = new UpdatePollResponse(null, (int)_options.ErrorWait.TotalSeconds);
                    }
                    wait = _options.NextPollWait(response.PollAfterSeconds);
                    if (_inventoryPending) verdict = await TryInventoryAsync(cancellationToken) ?? verdict;
                    if (response.Assignment is { } assignment)
                    {
                        var attempt = await HandleAsync(assignment, _options.Time.GetElapsedTime(start), cancellationToken);
                        attempts.Add(attempt);
                        verdict = attempt.Verdict ?? verdict;
                        stop = _options.StopAfterUpdate && attempt.IsFinal && !_inventoryPending;
                    }
                    else if (!pollFailed)
                    {
                        Emit("poll", $"no update assigned; running {_firmware.Running}");
                    }
                }
                finally
                {
                    _options.Throttle?.Release();
                }
                if (stop || polls >= maxPolls) break;
                Emit("wait", $"next poll in {wait.TotalSeconds:0} s");
                waits.Add(wait);
                await Task.Delay(wait, _options.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        if (succeeded == 0 && lastPollError is not null) ExceptionDispatchInfo.Throw(lastPollError);
        return new UpdateAgentRun(polls, succeeded, attempts, _errors.GetRange(firstError, _errors.Count - firstError), waits, verdict, cancelled);
    }

    /// <summary>On demand: fetch an inventory nonce and report the inventory over it.</summary>
    public async Task<InventoryVerdict> SendInventoryAsync(CancellationToken cancellationToken)
    {
        var nonce = await _device.GetInventoryNonceAsync(cancellationToken);
        var inventory = _firmware.Inventory(_device.ActId);
        var verdict = await _device.SendInventoryAsync(new InventoryReport(nonce.Nonce, inventory), cancellationToken);
        Emit("inventory", verdict.Compliant
            ? $"compliant ({inventory.Count} items)"
            : $"NOT compliant{(verdict.Quarantined ? ", quarantined" : "")}: " +
              string.Join("; ", (verdict.Differences ?? []).Select(d => $"{d.Item} expected '{d.Expected}' reported '{d.Reported}'")));
        return verdict;
    }

    private async Task<InventoryVerdict?> TryInventoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            var verdict = await SendInventoryAsync(cancellationToken);
            _inventoryPending = false;
            return verdict;
        }
        catch (Exception e) when (IsPassing(e) || e is KusabiApiException)
        {
            _inventoryPending = true;
            Record("inventory", e);
            return null;
        }
    }

    /// <summary>Errors worth waiting out; a 4xx on a poll means this device is not welcome and is rethrown.</summary>
    private static bool IsPassing(Exception e) => e switch
    {
        KusabiApiException api => api.Status is >= 500 or 408 or 429,
        KusabiUnreachableException or KusabiProtocolException => true,
        _ => false,
    };

    private void Record(string step, Exception e)
    {
        var code = e switch
        {
            KusabiApiException api => api.Code,
            KusabiUnreachableException => "unreachable",
            KusabiProtocolException => "protocol-error",
            _ => e.GetType().Name,
        };
        _errors.Add(new UpdateError(step, code, e.Message));
        Emit("error", $"{step}: {e.Message}");
    }

    private void Emit(string step, string message) => OnEvent?.Invoke(new UpdateEvent(_options.Time.GetLocalNow(), step, message));
}
