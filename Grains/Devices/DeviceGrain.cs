using Kusabi.Grains.Activation;
using Kusabi.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Kusabi.Grains.Devices;

/// <summary>A device: its persisted state plus the in-memory activation session.</summary>
public sealed class DeviceGrain(
    [PersistentState("device", DeviceGrain.StorageName)] IPersistentState<DeviceState> storage,
    IActivationChain chain,
    TimeProvider time,
    IOptions<ActivationSettings> settings) : Grain, IDeviceGrain
{
    public const string StorageName = "devices";

    private ActivationStateMachine? _machine;

    private ActivationStateMachine Machine =>
        _machine ??= new ActivationStateMachine(this.GetPrimaryKeyString(), storage.State, chain, () => storage.WriteStateAsync(), time, settings.Value);

    public Task<Outcome<SessionOffer>> BeginActivation(PreKeySnapshot preKey) => Machine.BeginAsync(preKey);

    public Task<Outcome<byte[]>> IssueActKey(string preId, byte[] sessionId, byte[] sealedRequest) =>
        Machine.IssueActKeyAsync(preId, sessionId, sealedRequest);

    public Task<Outcome<string>> ConfirmActivation(string preId, byte[] sessionId, string actId, byte[] signature) =>
        Machine.ConfirmAsync(preId, sessionId, actId, signature);

    public Task<DeviceView> GetView()
    {
        var s = storage.State;
        return Task.FromResult(new DeviceView(this.GetPrimaryKeyString(), s.Phase, s.PreId, s.Act?.Id, s.PendingAct?.Id,
            s.ActivatedAt, s.CloneAlerts, s.Timeline.ToList()));
    }
}
