using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;
using Nethereum.Contracts;

namespace Kusabi.Contract.Tests;

/// <summary>applyBatch: registrations, then consumptions, then revocations, in one atomic transaction.</summary>
public sealed class BatchTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task ApplyBatch_registers_then_consumes_then_revokes_in_one_transaction()
    {
        var older = TestKeys.Art();
        await RegisterAsync(older);
        var device = DeviceRef.CreateRandom();
        var pre = TestKeys.Pre(device);
        var act = TestKeys.Act(device);

        // The pre and act keys are consumed and revoked in the transaction that registers them,
        // which only works if registration comes first.
        var receipt = await As(Admin).SendAsync(new ApplyBatchFunction
        {
            Keys = KeyInputs.From([pre, act]),
            PreIds = [pre.Id.ToArray()],
            Revocations = [KeyInputs.Revocation(act.Id, RevocationReason.Superseded), KeyInputs.Revocation(older.Id, RevocationReason.Compromised)],
        });

        receipt.DecodeAllEvents<KeyRegisteredEvent>().Select(e => new KusabiId(e.Event.Id)).Should().Equal(pre.Id, act.Id);
        receipt.DecodeAllEvents<KeyStatusChangedEvent>().Select(e => (new KusabiId(e.Event.Id), (KeyStatus)e.Event.To))
            .Should().Equal((pre.Id, KeyStatus.Consumed), (act.Id, KeyStatus.Revoked), (older.Id, KeyStatus.Revoked));
        var block = BlockOf(receipt);
        (await Reader.GetKeyAsync(pre.Id)).Should().Match<KeyRecord>(r =>
            r.Status == KeyStatus.Consumed && r.Reason == RevocationReason.Activated && r.RegisteredBlock == block && r.StatusBlock == block);
        (await Reader.GetKeyAsync(act.Id)).Should().Match<KeyRecord>(r =>
            r.Status == KeyStatus.Revoked && r.Reason == RevocationReason.Superseded && r.RegisteredBlock == block && r.StatusBlock == block);
        (await Reader.GetKeyAsync(older.Id)).Should().Match<KeyRecord>(r =>
            r.Status == KeyStatus.Revoked && r.Reason == RevocationReason.Compromised && r.StatusBlock == block);
    }

    [Fact]
    public async Task ApplyBatch_consumes_before_it_revokes_so_consuming_and_revoking_one_key_fails_as_a_whole()
    {
        var pre = TestKeys.Pre();
        var bystander = TestKeys.Art();
        await RegisterAsync(pre);

        var error = (await FluentActions.Awaiting(() => As(Admin).SendAsync(new ApplyBatchFunction
        {
            Keys = [KeyInputs.From(bystander)],
            PreIds = [pre.Id.ToArray()],
            Revocations = [KeyInputs.Revocation(pre.Id, RevocationReason.Compromised)],
        })).Should().ThrowAsync<InvalidTransitionException>()).Which;

        error.Current.Should().Be(KeyStatus.Consumed);
        error.Requested.Should().Be(KeyStatus.Revoked);
        (await Reader.GetKeyAsync(pre.Id)).Status.Should().Be(KeyStatus.Active);
        await FluentActions.Awaiting(() => Reader.GetKeyAsync(bystander.Id)).Should().ThrowAsync<UnknownKeyException>();
    }

    [Fact]
    public async Task An_empty_batch_changes_nothing()
    {
        var receipt = await As(Admin).SendAsync(new ApplyBatchFunction());

        receipt.Logs.Should().BeEmpty();
    }
}
