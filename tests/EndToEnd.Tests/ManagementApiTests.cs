using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kusabi.Chain.Node;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;
using Kusabi.Silo.Endpoints;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class ManagementApiTests(SiloFixture silo) : IDisposable
{
    private readonly OperatorSession _client = new(silo);

    public static TheoryData<string, string> ScreenEndpoints => new()
    {
        { "GET", "/v1/operator/chain" },
        { "GET", "/v1/operator/releases" },
        { "GET", "/v1/operator/deployments" },
        { "GET", "/v1/operator/session" },
        { "POST", "/v1/operator/session" },
        { "DELETE", "/v1/operator/session" },
    };

    [Theory]
    [MemberData(nameof(ScreenEndpoints))]
    public async Task Screen_endpoints_refuse_a_missing_or_unknown_token_and_a_factory_token(string method, string path)
    {
        await (await _client.SendAsync(new HttpMethod(method), path)).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
        await (await _client.SendAsync(new HttpMethod(method), path, token: new string('0', 64))).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
        await (await _client.SendAsync(new HttpMethod(method), path, token: silo.FactoryToken)).ShouldBeProblemAsync(403, ProblemCodes.Forbidden);
    }

    [Fact]
    public async Task Chain_status_names_the_head_block_gateway_account_contract_and_chain_id()
    {
        var status = await (await _client.SendAsync(HttpMethod.Get, "/v1/operator/chain", silo.ViewerToken)).Content.ReadFromJsonAsync<ChainStatus>();

        status!.Reachable.Should().BeTrue();
        status.HeadBlock.Should().BeGreaterThan(0);
        status.ChainId.Should().Be(silo.Anvil.Node.ChainId);
        status.Contract.Should().BeEquivalentTo(silo.ContractAddress);
        status.GatewayAccount.Should().BeEquivalentTo(new Nethereum.Web3.Accounts.Account(AnvilNode.DevelopmentKeys[0]).Address);
        status.GatewayIsMember.Should().BeTrue();
        status.PendingRegistrations.Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task The_release_listing_shows_every_product_with_its_anchored_releases()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(3);
        await kit.ReleaseAsync(4);

        var products = await (await _client.SendAsync(HttpMethod.Get, "/v1/operator/releases", silo.ViewerToken)).Content.ReadFromJsonAsync<List<ProductReleases>>();

        var listed = products!.Single(p => p.Product == kit.Product).Releases;
        listed.Select(r => r.Version).Should().Equal(3UL, 4UL);
        listed.Should().OnlyContain(r => r.Block > 0 && r.Transaction!.StartsWith("0x"));
    }

    [Fact]
    public async Task The_deployment_listing_shows_started_deployments_newest_first_with_their_progress()
    {
        using var kit = new ReleaseKit(silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(1);
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        await device.ActivateAsync();
        var first = await kit.DeployAsync(1, [device]);
        var second = await kit.DeployAsync(1, [device]);

        var listed = await (await _client.SendAsync(HttpMethod.Get, "/v1/operator/deployments?limit=200", silo.ViewerToken)).Content.ReadFromJsonAsync<List<DeploymentProgress>>();

        var ids = listed!.Select(d => d.Id).ToList();
        ids.Should().Contain([first.Id, second.Id]);
        ids.IndexOf(second.Id).Should().BeLessThan(ids.IndexOf(first.Id));
        listed!.Single(d => d.Id == first.Id).Counts.Values.Sum().Should().Be(1);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("many")]
    public async Task A_deployment_listing_limit_out_of_range_is_refused(string limit)
    {
        await (await _client.SendAsync(HttpMethod.Get, $"/v1/operator/deployments?limit={limit}", silo.ViewerToken)).ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("viewer")]
    public async Task Signing_in_answers_the_role_and_sets_an_http_only_strict_session_cookie(string role)
    {
        var response = await _client.SendAsync(HttpMethod.Post, "/v1/operator/session", role == "operator" ? silo.OperatorToken : silo.ViewerToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<SessionResponse>())!.Role.Should().Be(role);
        var cookie = response.Headers.GetValues("Set-Cookie").Single().ToLowerInvariant();
        cookie.Should().StartWith("kusabi-session=").And.Contain("httponly").And.Contain("samesite=strict").And.Contain("secure");
    }

    [Fact]
    public async Task The_session_cookie_authorises_reads_but_never_actions()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        var cookie = await _client.SignInAsync(silo.OperatorToken);

        (await _client.SendAsync(HttpMethod.Get, "/v1/operator/fleet/summary", cookie: cookie)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await _client.SendAsync(HttpMethod.Post, $"/v1/operator/devices/{device.Device}/quarantine", cookie: cookie, body: new { quarantined = true }))
            .ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_header_is_refused_even_beside_a_valid_session_cookie()
    {
        var cookie = await _client.SignInAsync(silo.OperatorToken);

        await (await _client.SendAsync(HttpMethod.Get, "/v1/operator/chain", token: new string('1', 64), cookie: cookie)).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_expires_the_session_cookie()
    {
        await _client.SignInAsync(silo.ViewerToken);

        var response = await _client.SendAsync(HttpMethod.Delete, "/v1/operator/session", silo.ViewerToken);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Set-Cookie").Single().Should().StartWith("kusabi-session=;").And.Contain("expires=Thu, 01 Jan 1970");
    }

    public void Dispose() => _client.Dispose();
}
