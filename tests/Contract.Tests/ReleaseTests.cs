using System.Security.Cryptography;
using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Contract.Tests.Support;
using Kusabi.Protocol.Identity;
using Kusabi.TestSupport;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace Kusabi.Contract.Tests;

/// <summary>anchorRelease: a product's release manifests, signed by an active art key, with strictly increasing versions.</summary>
public sealed class ReleaseTests(AnvilFixture anvil) : RegistryTestBase(anvil)
{
    private readonly byte[] _product = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public async Task Anchoring_a_release_makes_it_the_latest_with_ReleaseAnchored()
    {
        var art = TestKeys.Art();
        await RegisterAsync(art);
        var manifest = RandomNumberGenerator.GetBytes(32);

        var receipt = await AnchorAsync(_product, 7, art.Id, manifest);

        var latest = await Reader.GetLatestReleaseAsync(_product);
        latest.Version.Should().Be(7);
        latest.ManifestHash.Should().Equal(manifest);
        latest.ArtKeyId.Should().Equal(art.Id.ToArray());
        latest.AnchoredBlock.Should().Be((ulong)BlockOf(receipt));
        var anchored = receipt.DecodeAllEvents<ReleaseAnchoredEvent>().Should().ContainSingle().Subject.Event;
        anchored.Product.Should().Equal(_product);
        anchored.Version.Should().Be(7);
        anchored.ManifestHash.Should().Equal(manifest);
        anchored.ArtKeyId.Should().Equal(art.Id.ToArray());
        anchored.By.Should().BeEquivalentTo(AddressOf(Admin));
    }

    [Fact]
    public async Task A_product_never_anchored_has_an_all_zero_latest_release()
    {
        var latest = await Reader.GetLatestReleaseAsync(_product);

        latest.Version.Should().Be(0);
        latest.ManifestHash.Should().Equal(new byte[32]);
        latest.ArtKeyId.Should().Equal(new byte[32]);
        latest.AnchoredBlock.Should().Be(0);
    }

    [Fact]
    public async Task Anchoring_with_an_unknown_art_key_fails_with_UnknownKey()
    {
        var id = TestKeys.Art().Id;

        var error = (await FluentActions.Awaiting(() => AnchorAsync(_product, 1, id)).Should().ThrowAsync<UnknownKeyException>()).Which;

        error.Id.Should().Be(id);
    }

    [Theory]
    [InlineData(KeyPurpose.Act)]
    [InlineData(KeyPurpose.Pre)]
    public async Task Anchoring_with_a_key_that_is_not_an_art_key_fails_with_WrongPurpose(KeyPurpose purpose)
    {
        var key = purpose == KeyPurpose.Act ? TestKeys.Act(DeviceRef.CreateRandom()) : TestKeys.Pre();
        await RegisterAsync(key);

        var error = (await FluentActions.Awaiting(() => AnchorAsync(_product, 1, key.Id)).Should().ThrowAsync<WrongPurposeException>()).Which;

        error.Actual.Should().Be(purpose);
        error.Expected.Should().Be(KeyPurpose.Art);
    }

    [Fact]
    public async Task Anchoring_with_a_revoked_art_key_fails_with_InvalidTransition()
    {
        var art = TestKeys.Art();
        await RegisterAsync(art);
        await RevokeAsync(RevocationReason.Compromised, art.Id);

        var error = (await FluentActions.Awaiting(() => AnchorAsync(_product, 1, art.Id)).Should().ThrowAsync<InvalidTransitionException>()).Which;

        error.Id.Should().Be(art.Id);
        error.Current.Should().Be(KeyStatus.Revoked);
        error.Requested.Should().Be(KeyStatus.Active);
    }

    [Theory]
    [InlineData(5ul)]
    [InlineData(4ul)]
    public async Task A_version_not_above_the_latest_fails_with_VersionNotIncreasing(ulong offered)
    {
        var art = TestKeys.Art();
        await RegisterAsync(art);
        await AnchorAsync(_product, 5, art.Id);

        var error = (await FluentActions.Awaiting(() => AnchorAsync(_product, offered, art.Id))
            .Should().ThrowAsync<VersionNotIncreasingException>()).Which;

        error.Latest.Should().Be(5);
        error.Offered.Should().Be(offered);
        error.Message.Should().Contain(Convert.ToHexStringLower(_product));
        (await Reader.GetLatestReleaseAsync(_product)).Version.Should().Be(5);
    }

    [Fact]
    public async Task Version_zero_is_never_accepted()
    {
        var art = TestKeys.Art();
        await RegisterAsync(art);

        var error = (await FluentActions.Awaiting(() => AnchorAsync(_product, 0, art.Id))
            .Should().ThrowAsync<VersionNotIncreasingException>()).Which;

        error.Latest.Should().Be(0);
        error.Offered.Should().Be(0);
    }

    [Fact]
    public async Task Versions_increase_per_product_independently()
    {
        var art = TestKeys.Art();
        await RegisterAsync(art);
        var other = RandomNumberGenerator.GetBytes(32);
        await AnchorAsync(_product, 10, art.Id);

        await AnchorAsync(other, 1, art.Id);
        await AnchorAsync(_product, 11, art.Id);

        (await Reader.GetLatestReleaseAsync(other)).Version.Should().Be(1);
        (await Reader.GetLatestReleaseAsync(_product)).Version.Should().Be(11);
    }

    private Task<TransactionReceipt> AnchorAsync(byte[] product, ulong version, KusabiId artKeyId, byte[]? manifest = null) =>
        As(Admin).SendAsync(new AnchorReleaseFunction
        {
            Product = product,
            Version = version,
            ManifestHash = manifest ?? RandomNumberGenerator.GetBytes(32),
            ArtKeyId = artKeyId.ToArray(),
        });
}
