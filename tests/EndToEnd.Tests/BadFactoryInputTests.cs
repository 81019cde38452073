using System.Net.Http.Json;
using Kusabi.Protocol.Activation;

namespace Kusabi.EndToEnd.Tests;

[Collection(SiloCollection.Name)]
public sealed class BadFactoryInputTests(SiloFixture silo)
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic Zm9vOmJhcg")]
    public async Task A_missing_or_wrong_factory_token_is_refused(string? authorization)
    {
        using var device = new RawDevice(silo.Http);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/factory/pre-keys") { Content = JsonContent.Create(new { keys = new[] { device.FactoryKey() } }) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        await (await silo.Http.SendAsync(request)).ShouldBeProblemAsync(401, ProblemCodes.Unauthorized);
        await (await device.BeginRawAsync()).ShouldBeProblemAsync(404, ProblemCodes.UnknownKey);
    }

    [Fact]
    public async Task More_than_five_hundred_keys_in_one_request_are_refused()
    {
        var keys = Enumerable.Range(0, 501).Select(_ => new RawDevice(silo.Http).FactoryKey()).ToArray();
        await (await SendAsync(new { keys })).ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
    }

    [Fact]
    public async Task A_request_naming_one_id_twice_is_refused_whole()
    {
        using var device = new RawDevice(silo.Http);
        await (await SendAsync(new { keys = new[] { device.FactoryKey(), device.FactoryKey() } })).ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
        await (await device.BeginRawAsync()).ShouldBeProblemAsync(404, ProblemCodes.UnknownKey);
    }

    [Fact]
    public async Task A_public_key_of_the_wrong_length_is_refused()
    {
        using var device = new RawDevice(silo.Http);
        var key = new { id = device.PreId.ToString(), deviceRef = device.Device.ToString(), publicKey = "AAAA" };
        await (await SendAsync(new { keys = new[] { key } })).ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
    }

    [Fact]
    public async Task Registering_a_different_key_under_an_existing_id_is_refused()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        using var other = new RawDevice(silo.Http);
        var key = new { id = device.PreId.ToString(), deviceRef = device.Device.ToString(), publicKey = Kusabi.Protocol.Encoding.Base64Url.Encode(other.PreKey.PublicKey) };

        await (await SendAsync(new { keys = new[] { key } })).ShouldBeProblemAsync(400, ProblemCodes.MalformedRequest);
    }

    [Fact]
    public async Task Registering_the_same_key_again_is_accepted_and_changes_nothing()
    {
        using var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
        (await device.RegisterAsync(silo.FactoryToken)).EnsureSuccessStatusCode();
        await device.ActivateAsync();
    }

    private Task<HttpResponseMessage> SendAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/factory/pre-keys") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", silo.FactoryToken);
        return silo.Http.SendAsync(request);
    }
}
