using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;

namespace Kusabi.Contract.Tests;

/// <summary>registerKeys refuses malformed entries with InvalidKey, naming the entry, and stores nothing.</summary>
public sealed class ValidationTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    public static TheoryData<string> Malformations =>
    [
        "zero id",
        "zero public key",
        "purpose None",
        "algorithm None",
        "art key with a device",
        "pre key without a device",
        "act key without a device",
    ];

    [Theory]
    [MemberData(nameof(Malformations))]
    public async Task A_malformed_key_fails_with_InvalidKey_carrying_its_id(string malformation)
    {
        var input = Malformed(malformation);

        var error = await FluentActions.Awaiting(() => As(Admin).SendAsync(new RegisterKeysFunction { Keys = [input] }))
            .Should().ThrowAsync<InvalidKeyException>();

        error.Which.Id.Should().Be(new KusabiId(input.Id));
    }

    [Fact]
    public async Task A_batch_with_one_malformed_key_stores_none_of_its_keys()
    {
        var good = KeyInputs.Mixed(4);
        var inputs = KeyInputs.From(good);
        inputs.Insert(2, Malformed("art key with a device"));

        await FluentActions.Awaiting(() => As(Admin).SendAsync(new RegisterKeysFunction { Keys = inputs }))
            .Should().ThrowAsync<InvalidKeyException>();

        foreach (var key in good)
        {
            await FluentActions.Awaiting(() => Reader.GetKeyAsync(key.Id)).Should().ThrowAsync<UnknownKeyException>();
        }
    }

    // The ABI decoder rejects these before the contract's checks run, with a revert that carries no
    // data; the bindings must still surface it as a ChainException (ContractRevertException is the
    // type for reverts without a typed mapping).
    [Theory]
    [InlineData("purpose", 4)]
    [InlineData("algorithm", 3)]
    public async Task An_enum_value_outside_the_contract_enum_is_refused_with_a_ChainException(string field, byte value)
    {
        var input = KeyInputs.From(TestKeys.Pre());
        if (field == "purpose") input.Purpose = value;
        else input.Algorithm = value;

        await FluentActions.Awaiting(() => As(Admin).SendAsync(new RegisterKeysFunction { Keys = [input] }))
            .Should().ThrowAsync<ChainException>();

        await FluentActions.Awaiting(() => Reader.GetKeyAsync(new KusabiId(input.Id))).Should().ThrowAsync<UnknownKeyException>();
    }

    private static KeyInputStruct Malformed(string malformation)
    {
        var device = DeviceRef.CreateRandom().ToArray();
        var pre = KeyInputs.From(TestKeys.Pre());
        var art = KeyInputs.From(TestKeys.Art());
        switch (malformation)
        {
            case "zero id": pre.Id = new byte[32]; return pre;
            case "zero public key": pre.PublicKey = new byte[32]; return pre;
            case "purpose None": pre.Purpose = 0; return pre;
            case "algorithm None": pre.Algorithm = 0; return pre;
            case "art key with a device": art.DeviceRef = device; return art;
            case "pre key without a device": pre.DeviceRef = new byte[32]; return pre;
            case "act key without a device": return KeyInputs.From(TestKeys.Act(DeviceRef.CreateRandom()) with { Device = null });
            default: throw new ArgumentOutOfRangeException(nameof(malformation), malformation, null);
        }
    }
}
