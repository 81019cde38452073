using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;

namespace Kusabi.Chain.Tests;

public sealed class GatewayReadTests(AnvilFixture anvil) : GatewayTestBase(anvil)
{
    [Fact]
    public async Task A_revoked_key_is_never_returned_as_active()
    {
        var pre = TestKeys.Pre();
        await Gateway.RegisterAsync(pre);
        (await Reader.GetActiveKeyAsync(pre.Id, KeyPurpose.Pre)).IsActive.Should().BeTrue();

        await Gateway.RevokeAsync(pre.Id, RevocationReason.Compromised);

        var error = (await Reader.Invoking(r => r.GetActiveKeyAsync(pre.Id, KeyPurpose.Pre)).Should().ThrowAsync<InvalidTransitionException>()).Which;
        error.Current.Should().Be(KeyStatus.Revoked);
        var record = await Reader.GetKeyAsync(pre.Id);
        record.Status.Should().Be(KeyStatus.Revoked);
        record.Reason.Should().Be(RevocationReason.Compromised);
    }

    [Fact]
    public async Task A_consumed_pre_key_is_never_returned_as_active()
    {
        var pre = TestKeys.Pre();
        await Gateway.RegisterAsync(pre);
        await Gateway.ConsumeAsync(pre.Id);

        await Reader.Invoking(r => r.GetActiveKeyAsync(pre.Id, KeyPurpose.Pre)).Should().ThrowAsync<InvalidTransitionException>();
    }

    [Fact]
    public async Task Asking_for_the_wrong_purpose_fails_with_wrong_purpose()
    {
        var art = TestKeys.Art();
        await Gateway.RegisterAsync(art);

        await Reader.Invoking(r => r.GetActiveKeyAsync(art.Id, KeyPurpose.Pre)).Should().ThrowAsync<WrongPurposeException>();
    }

    [Fact]
    public async Task An_unknown_key_fails_with_unknown_key()
    {
        await Reader.Invoking(r => r.GetKeyAsync(TestKeys.Pre().Id)).Should().ThrowAsync<UnknownKeyException>();
    }
}
