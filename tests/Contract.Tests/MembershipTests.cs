using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.TestSupport;
using Nethereum.Contracts;

namespace Kusabi.Contract.Tests;

/// <summary>The consortium: one admin who manages members; members write.</summary>
public sealed class MembershipTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    [Fact]
    public async Task The_deployer_is_the_admin_and_a_member()
    {
        (await Reader.GetAdminAsync()).Should().BeEquivalentTo(AddressOf(Admin));
        (await Reader.IsMemberAsync(AddressOf(Admin))).Should().BeTrue();
        (await Reader.IsMemberAsync(AddressOf(Outsider))).Should().BeFalse();
    }

    [Fact]
    public async Task Deployment_emits_AdminTransferred_from_zero_and_MemberAdded_for_the_deployer()
    {
        var transferred = (await LogsAsync<AdminTransferredEvent>()).Should().ContainSingle().Subject.Event;
        transferred.PreviousAdmin.Should().BeEquivalentTo("0x0000000000000000000000000000000000000000");
        transferred.NewAdmin.Should().BeEquivalentTo(AddressOf(Admin));

        var added = (await LogsAsync<MemberAddedEvent>()).Should().ContainSingle().Subject.Event;
        added.Member.Should().BeEquivalentTo(AddressOf(Admin));
        added.By.Should().BeEquivalentTo(AddressOf(Admin));
    }

    [Fact]
    public async Task The_admin_adds_a_member_with_MemberAdded_and_the_member_can_register()
    {
        var receipt = await As(Admin).SendAsync(new AddMemberFunction { Member = AddressOf(Outsider) });

        var added = receipt.DecodeAllEvents<MemberAddedEvent>().Should().ContainSingle().Subject.Event;
        added.Member.Should().BeEquivalentTo(AddressOf(Outsider));
        added.By.Should().BeEquivalentTo(AddressOf(Admin));
        (await Reader.IsMemberAsync(AddressOf(Outsider))).Should().BeTrue();

        var key = TestKeys.Art();
        var registered = await RegisterAsync([key], account: Outsider);
        (await Reader.GetKeyAsync(key.Id)).ShouldMatch(KeyInputs.ActiveRecord(key, AddressOf(Outsider), BlockOf(registered)));
    }

    [Fact]
    public async Task Adding_an_existing_member_changes_nothing_and_emits_no_event()
    {
        var receipt = await As(Admin).SendAsync(new AddMemberFunction { Member = AddressOf(Admin) });

        receipt.DecodeAllEvents<MemberAddedEvent>().Should().BeEmpty();
        (await Reader.IsMemberAsync(AddressOf(Admin))).Should().BeTrue();
    }

    [Fact]
    public async Task A_removed_member_gets_MemberRemoved_and_can_no_longer_register()
    {
        await As(Admin).SendAsync(new AddMemberFunction { Member = AddressOf(Outsider) });

        var receipt = await As(Admin).SendAsync(new RemoveMemberFunction { Member = AddressOf(Outsider) });

        var removed = receipt.DecodeAllEvents<MemberRemovedEvent>().Should().ContainSingle().Subject.Event;
        removed.Member.Should().BeEquivalentTo(AddressOf(Outsider));
        removed.By.Should().BeEquivalentTo(AddressOf(Admin));
        (await Reader.IsMemberAsync(AddressOf(Outsider))).Should().BeFalse();
        await FluentActions.Awaiting(() => RegisterAsync([TestKeys.Art()], account: Outsider))
            .Should().ThrowAsync<NotMemberException>();
    }

    [Fact]
    public async Task Removing_a_non_member_changes_nothing_and_emits_no_event()
    {
        var receipt = await As(Admin).SendAsync(new RemoveMemberFunction { Member = AddressOf(Outsider) });

        receipt.DecodeAllEvents<MemberRemovedEvent>().Should().BeEmpty();
        (await Reader.IsMemberAsync(AddressOf(Outsider))).Should().BeFalse();
    }

    [Fact]
    public async Task TransferAdmin_moves_the_role_with_AdminTransferred_and_the_old_admin_loses_it()
    {
        var receipt = await As(Admin).SendAsync(new TransferAdminFunction { NewAdmin = AddressOf(Outsider) });

        var transferred = receipt.DecodeAllEvents<AdminTransferredEvent>().Should().ContainSingle().Subject.Event;
        transferred.PreviousAdmin.Should().BeEquivalentTo(AddressOf(Admin));
        transferred.NewAdmin.Should().BeEquivalentTo(AddressOf(Outsider));
        (await Reader.GetAdminAsync()).Should().BeEquivalentTo(AddressOf(Outsider));

        await FluentActions.Awaiting(() => As(Admin).SendAsync(new AddMemberFunction { Member = AddressOf(Second) }))
            .Should().ThrowAsync<NotAdminException>();
        await As(Outsider).SendAsync(new AddMemberFunction { Member = AddressOf(Second) });
        (await Reader.IsMemberAsync(AddressOf(Second))).Should().BeTrue();
    }

    [Fact]
    public async Task TransferAdmin_leaves_membership_alone_the_old_admin_stays_a_member_and_the_new_one_is_not_made_one()
    {
        await As(Admin).SendAsync(new TransferAdminFunction { NewAdmin = AddressOf(Outsider) });

        (await Reader.IsMemberAsync(AddressOf(Admin))).Should().BeTrue();
        (await Reader.IsMemberAsync(AddressOf(Outsider))).Should().BeFalse();
    }
}
