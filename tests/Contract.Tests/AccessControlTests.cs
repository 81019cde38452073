using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.TestSupport;
using Nethereum.RPC.Eth.DTOs;

namespace Kusabi.Contract.Tests;

/// <summary>Who may call what: writes need a member, membership changes need the admin.</summary>
public sealed class AccessControlTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    [Theory]
    [InlineData("registerKeys")]
    [InlineData("consumeKeys")]
    [InlineData("revokeKeys")]
    [InlineData("applyBatch")]
    [InlineData("anchorRelease")]
    public async Task A_non_member_cannot_write(string function)
    {
        var art = TestKeys.Art();
        await RegisterAsync(art);

        var sent = FluentActions.Awaiting(() => SendWriteAsync(function, Outsider, art));

        (await sent.Should().ThrowAsync<NotMemberException>()).WithMessage($"*{AddressOf(Outsider)}*");
    }

    [Theory]
    [InlineData("addMember")]
    [InlineData("removeMember")]
    [InlineData("transferAdmin")]
    public async Task A_non_admin_cannot_manage_the_consortium(string function)
    {
        await As(Admin).SendAsync(new AddMemberFunction { Member = AddressOf(Outsider) });

        var sent = FluentActions.Awaiting(() => SendAdminAsync(function, Outsider, AddressOf(Second)));

        (await sent.Should().ThrowAsync<NotAdminException>()).WithMessage($"*{AddressOf(Outsider)}*");
    }

    [Theory]
    [InlineData("addMember")]
    [InlineData("transferAdmin")]
    public async Task The_zero_address_is_refused(string function)
    {
        await FluentActions.Awaiting(() => SendAdminAsync(function, Admin, ZeroAddress))
            .Should().ThrowAsync<ZeroAddressException>();

        (await Reader.GetAdminAsync()).Should().BeEquivalentTo(AddressOf(Admin));
        (await Reader.IsMemberAsync(ZeroAddress)).Should().BeFalse();
    }

    private Task<TransactionReceipt> SendWriteAsync(string function, int account, Chain.Model.KeyRegistration art) => function switch
    {
        "registerKeys" => As(account).SendAsync(new RegisterKeysFunction { Keys = [KeyInputs.From(TestKeys.Pre())] }),
        "consumeKeys" => As(account).SendAsync(new ConsumeKeysFunction { PreIds = [art.Id.ToArray()] }),
        "revokeKeys" => As(account).SendAsync(new RevokeKeysFunction { Revocations = [KeyInputs.Revocation(art.Id, RevocationReason.Compromised)] }),
        "applyBatch" => As(account).SendAsync(new ApplyBatchFunction { Keys = [KeyInputs.From(TestKeys.Pre())] }),
        "anchorRelease" => As(account).SendAsync(new AnchorReleaseFunction
        {
            Product = Bytes(1),
            Version = 1,
            ManifestHash = Bytes(2),
            ArtKeyId = art.Id.ToArray(),
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };

    private Task<TransactionReceipt> SendAdminAsync(string function, int account, string target) => function switch
    {
        "addMember" => As(account).SendAsync(new AddMemberFunction { Member = target }),
        "removeMember" => As(account).SendAsync(new RemoveMemberFunction { Member = target }),
        "transferAdmin" => As(account).SendAsync(new TransferAdminFunction { NewAdmin = target }),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };

    private static byte[] Bytes(byte fill) => Enumerable.Repeat(fill, 32).ToArray();
}
