using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;
using Nethereum.Contracts;

namespace Kusabi.Contract.Tests;

/// <summary>registerKeys and getKey: what is stored, what is emitted, what is idempotent, what conflicts.</summary>
public sealed class RegistrationTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task A_batch_of_50_keys_stores_every_field_exactly()
    {
        var keys = KeyInputs.Mixed(50);

        var receipt = await RegisterAsync(keys);

        var expected = keys.Select(k => KeyInputs.ActiveRecord(k, AddressOf(Admin), BlockOf(receipt)));
        (await GetKeysAsync(keys.Select(k => k.Id))).ShouldMatch(expected);
    }

    [Fact]
    public async Task A_batch_emits_one_KeyRegistered_per_key_in_input_order()
    {
        var keys = KeyInputs.Mixed(50);

        var receipt = await RegisterAsync(keys);

        var events = receipt.DecodeAllEvents<KeyRegisteredEvent>().Select(e => e.Event).ToList();
        events.Should().HaveCount(keys.Count);
        foreach (var (e, key) in events.Zip(keys))
        {
            e.Id.Should().Equal(key.Id.ToArray());
            e.DeviceRef.Should().Equal(key.Device?.ToArray() ?? new byte[32]);
            e.Purpose.Should().Be((byte)key.Purpose);
            e.Algorithm.Should().Be((byte)key.Algorithm);
            e.PublicKey.Should().Equal(key.PublicKey);
            e.Registrar.Should().BeEquivalentTo(AddressOf(Admin));
        }
    }

    [Fact]
    public async Task Registering_an_identical_key_again_is_a_no_op_without_event()
    {
        var key = TestKeys.Pre();
        var first = await RegisterAsync(key);

        var again = await RegisterAsync(key);

        BlockOf(again).Should().BeGreaterThan(BlockOf(first));
        again.DecodeAllEvents<KeyRegisteredEvent>().Should().BeEmpty();
        (await Reader.GetKeyAsync(key.Id)).ShouldMatch(KeyInputs.ActiveRecord(key, AddressOf(Admin), BlockOf(first)));
    }

    [Fact]
    public async Task Re_registering_by_another_member_keeps_the_original_registrar()
    {
        await As(Admin).SendAsync(new AddMemberFunction { Member = AddressOf(Outsider) });
        var key = TestKeys.Art();
        var first = await RegisterAsync(key);

        var again = await RegisterAsync([key], account: Outsider);

        again.DecodeAllEvents<KeyRegisteredEvent>().Should().BeEmpty();
        (await Reader.GetKeyAsync(key.Id)).ShouldMatch(KeyInputs.ActiveRecord(key, AddressOf(Admin), BlockOf(first)));
    }

    [Fact]
    public async Task Re_registering_a_revoked_key_succeeds_as_a_no_op_and_the_key_stays_revoked()
    {
        var key = TestKeys.Pre();
        await RegisterAsync(key);
        await RevokeAsync(RevocationReason.Compromised, key.Id);

        var again = await RegisterAsync(key);

        again.DecodeAllEvents<KeyRegisteredEvent>().Should().BeEmpty();
        var record = await Reader.GetKeyAsync(key.Id);
        record.Status.Should().Be(KeyStatus.Revoked);
        record.Reason.Should().Be(RevocationReason.Compromised);
    }

    [Theory]
    [InlineData("public key")]
    [InlineData("algorithm")]
    [InlineData("purpose")]
    [InlineData("device")]
    public async Task The_same_id_with_different_content_fails_with_KeyConflict_carrying_the_id(string difference)
    {
        var key = TestKeys.Pre();
        var first = await RegisterAsync(key);
        var changed = difference switch
        {
            "public key" => key with { PublicKey = TestKeys.Pre().PublicKey },
            "algorithm" => key with { Algorithm = KeyAlgorithm.Ed25519 },
            "purpose" => key with { Purpose = KeyPurpose.Act },
            "device" => key with { Device = DeviceRef.CreateRandom() },
            _ => throw new ArgumentOutOfRangeException(nameof(difference)),
        };

        var error = await FluentActions.Awaiting(() => RegisterAsync(changed)).Should().ThrowAsync<KeyConflictException>();

        error.Which.Id.Should().Be(key.Id);
        (await Reader.GetKeyAsync(key.Id)).ShouldMatch(KeyInputs.ActiveRecord(key, AddressOf(Admin), BlockOf(first)));
    }

    [Fact]
    public async Task A_batch_with_one_conflicting_key_reverts_as_a_whole()
    {
        var existing = TestKeys.Art();
        await RegisterAsync(existing);
        var fresh = KeyInputs.Mixed(6);
        var batch = fresh.Take(3).Append(existing with { PublicKey = TestKeys.Art().PublicKey }).Concat(fresh.Skip(3));

        var error = await FluentActions.Awaiting(() => RegisterAsync(batch.ToArray())).Should().ThrowAsync<KeyConflictException>();

        error.Which.Id.Should().Be(existing.Id);
        foreach (var key in fresh)
        {
            await FluentActions.Awaiting(() => Reader.GetKeyAsync(key.Id)).Should().ThrowAsync<UnknownKeyException>();
        }
    }

    [Fact]
    public async Task The_same_key_twice_in_one_batch_is_registered_once()
    {
        var key = TestKeys.Act(DeviceRef.CreateRandom());

        var receipt = await RegisterAsync(key, key);

        receipt.DecodeAllEvents<KeyRegisteredEvent>().Should().ContainSingle();
        (await Reader.GetKeyAsync(key.Id)).ShouldMatch(KeyInputs.ActiveRecord(key, AddressOf(Admin), BlockOf(receipt)));
    }

    [Fact]
    public async Task GetKey_of_an_unknown_id_fails_with_UnknownKey_carrying_the_id()
    {
        var id = TestKeys.Pre().Id;

        var error = await FluentActions.Awaiting(() => Reader.GetKeyAsync(id)).Should().ThrowAsync<UnknownKeyException>();

        error.Which.Id.Should().Be(id);
    }
}
