using Kusabi.Chain.Audit;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace Kusabi.Operator.Tests;

public sealed class KeyHistoryBuilderTests
{
    private readonly KeyHistoryBuilder _builder = new();
    private readonly DeviceRef _device = DeviceRef.CreateRandom();
    private readonly KusabiId _pre = KusabiId.Create(KeyPurpose.Pre, new byte[32]);

    private static FilterLog Log(long block, int index) =>
        new() { BlockNumber = new HexBigInteger(block), LogIndex = new HexBigInteger(index), TransactionHash = $"0x{block:x4}{index:x2}" };

    private EventLog<KeyRegisteredEvent> Registered(KusabiId id, long block, int index = 0) =>
        new(new KeyRegisteredEvent { Id = id.ToArray(), DeviceRef = _device.ToArray(), Purpose = (byte)KeyPurpose.Pre, PublicKey = new byte[32], Registrar = "0xfactory" }, Log(block, index));

    private static EventLog<KeyStatusChangedEvent> Changed(KusabiId id, KeyStatus from, KeyStatus to, long block, int index = 0) =>
        new(new KeyStatusChangedEvent { Id = id.ToArray(), From = (byte)from, To = (byte)to, Reason = (byte)RevocationReason.Activated }, Log(block, index));

    [Fact]
    public void A_registration_and_a_later_status_change_give_the_keys_current_status_with_both_blocks()
    {
        _builder.Apply([Registered(_pre, 5)], [Changed(_pre, KeyStatus.Active, KeyStatus.Consumed, 9)]);

        var key = _builder.Build(0, 10).Keys[_pre];

        key.Should().BeEquivalentTo(new { Purpose = KeyPurpose.Pre, Device = (DeviceRef?)_device, Status = KeyStatus.Consumed, Reason = RevocationReason.Activated, RegisteredBlock = 5L, StatusBlock = (long?)9 });
        key.RegisteredTransaction.Should().Be("0x000500");
        key.StatusTransaction.Should().Be("0x000900");
    }

    [Fact]
    public void Events_of_one_range_are_replayed_in_block_and_log_order_whichever_list_holds_them()
    {
        // Registration and consumption in one block: the log index decides.
        _builder.Apply([Registered(_pre, 5, index: 0)], [Changed(_pre, KeyStatus.Active, KeyStatus.Consumed, 5, index: 1)]);

        var history = _builder.Build(0, 5);

        history.Anomalies.Should().BeEmpty();
        history.Keys[_pre].Status.Should().Be(KeyStatus.Consumed);
        history.Events.Should().Be(2);
    }

    [Fact]
    public void A_status_change_of_a_key_never_registered_is_an_anomaly_not_an_error()
    {
        _builder.Apply([], [Changed(_pre, KeyStatus.Active, KeyStatus.Revoked, 3)]);

        var history = _builder.Build(2, 3);

        history.Keys.Should().BeEmpty();
        history.Anomalies.Should().ContainSingle().Which.Problem.Should().Contain("before any registration");
    }

    [Fact]
    public void A_status_change_from_another_status_than_the_history_gives_is_an_anomaly()
    {
        _builder.Apply([Registered(_pre, 1)], [Changed(_pre, KeyStatus.Consumed, KeyStatus.Revoked, 2)]);

        _builder.Build(0, 2).Anomalies.Should().ContainSingle().Which.Problem.Should().Contain("the events so far say Active");
    }

    [Fact]
    public void A_second_registration_of_the_same_key_is_an_anomaly()
    {
        _builder.Apply([Registered(_pre, 1)], []);
        _builder.Apply([Registered(_pre, 2)], []);

        var history = _builder.Build(0, 2);

        history.Keys[_pre].RegisteredBlock.Should().Be(1);
        history.Anomalies.Should().ContainSingle().Which.Problem.Should().Contain("second time");
    }
}
