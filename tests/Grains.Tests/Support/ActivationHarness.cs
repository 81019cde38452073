using Kusabi.Grains.Activation;
using Kusabi.Grains.Devices;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Identity;

namespace Kusabi.Grains.Tests.Support;

/// <summary>One device, its state machine and the fakes around it; <see cref="Restart"/> models a crash.</summary>
public sealed class ActivationHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public ActivationHarness(DeviceState? initial = null)
    {
        Chain = new FakeActivationChain(() => Store.WriteCount);
        State = initial ?? new DeviceState();
        Machine = Build(State);
    }

    public string DeviceRef { get; } = Protocol.Identity.DeviceRef.CreateRandom().ToString();
    public ManualTimeProvider Clock { get; } = new(Start);
    public RecordingStore Store { get; } = new();
    public FakeActivationChain Chain { get; }
    public ActivationSettings Settings { get; } = new();
    public TestDevice Device { get; } = new();
    public ActivationStateMachine Machine { get; private set; }

    /// <summary>The live (in-memory) state of the current machine.</summary>
    public DeviceState State { get; private set; }

    public int Restarts { get; private set; }

    /// <summary>Discards the machine (and its session) and rebuilds it from what storage last held.</summary>
    public void Restart()
    {
        State = Store.LastPersisted is { } persisted ? StateCopy.Of(persisted) : new DeviceState();
        Machine = Build(State);
        Restarts++;
    }

    public Task<Outcome<SessionOffer>> BeginAsync(bool? consumed = null) =>
        Machine.BeginAsync(Device.Snapshot(consumed ?? Chain.IsConsumed(Device.PreIdText)));

    public async Task<SessionOffer> BeginOkAsync(bool? consumed = null)
    {
        var outcome = await BeginAsync(consumed);
        outcome.Failure.Should().BeNull();
        Device.AcceptOffer(outcome.Value!);
        return outcome.Value!;
    }

    public Task<Outcome<byte[]>> IssueAsync(byte[]? nonce = null) =>
        Machine.IssueActKeyAsync(Device.PreIdText, Device.SessionId, Device.SealRequest(nonce));

    public async Task IssueOkAsync()
    {
        var outcome = await IssueAsync();
        outcome.Failure.Should().BeNull();
        Device.AcceptGrant(outcome.Value!);
    }

    public Task<Outcome<string>> ConfirmAsync(byte[]? signature = null, string? actId = null) =>
        Machine.ConfirmAsync(Device.PreIdText, Device.SessionId, actId ?? Device.ActId.ToString(), signature ?? Device.SignConfirm());

    public async Task ConfirmOkAsync()
    {
        var outcome = await ConfirmAsync();
        outcome.Failure.Should().BeNull();
        outcome.Value.Should().Be(Device.ActId.ToString());
    }

    /// <summary>Steps 1–5, telling the machine whether the pre key is consumed as the fake chain says.</summary>
    public async Task ActivateAsync()
    {
        await BeginOkAsync();
        await IssueOkAsync();
        await ConfirmOkAsync();
    }

    public static string OtherId(KeyPurpose purpose = KeyPurpose.Act) =>
        KusabiId.Create(purpose, new byte[KusabiId.PublicKeySize]).ToString();

    public void Dispose() => Device.Dispose();

    private ActivationStateMachine Build(DeviceState state) =>
        new(DeviceRef, state, Chain, () => Store.SaveAsync(state), Clock, Settings);
}
