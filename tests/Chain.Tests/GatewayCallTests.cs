using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.TestSupport;

namespace Kusabi.Chain.Tests;

public sealed class GatewayCallTests(AnvilFixture anvil) : GatewayTestBase(anvil)
{
    [Fact]
    public async Task A_release_anchored_amid_batched_registrations_lands_without_disturbing_them()
    {
        var art = TestKeys.Art();
        await Gateway.RegisterAsync(art);
        var product = new byte[32];
        product[0] = 7;
        var keys = Enumerable.Range(0, 300).Select(_ => TestKeys.Pre()).ToList();

        var registrations = keys.Select(k => Gateway.RegisterAsync(k)).ToList();
        var anchor = Gateway.CallAsync(new AnchorReleaseFunction { Product = product, Version = 3, ManifestHash = new byte[32], ArtKeyId = art.Id.ToArray() });
        await Task.WhenAll(registrations.Append(anchor));

        (await Reader.GetLatestReleaseAsync(product)).Version.Should().Be(3);
        (await anchor).EntriesInTransaction.Should().Be(1);
    }

    [Fact]
    public async Task A_call_that_reverts_fails_with_the_contracts_typed_error()
    {
        var art = TestKeys.Art();
        await Gateway.RegisterAsync(art);
        var product = new byte[32];
        await Gateway.CallAsync(new AnchorReleaseFunction { Product = product, Version = 5, ManifestHash = new byte[32], ArtKeyId = art.Id.ToArray() });

        await Gateway.Invoking(g => g.CallAsync(new AnchorReleaseFunction { Product = product, Version = 5, ManifestHash = new byte[32], ArtKeyId = art.Id.ToArray() }))
            .Should().ThrowAsync<VersionNotIncreasingException>();
    }
}
