using System.Collections.Concurrent;
using System.Text.Json;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Activation;

namespace Kusabi.DeviceClient.Tests;

public sealed class FactoryClientTests
{
    private readonly FakeKusabiServer _server = new();

    [Fact]
    public async Task Registers_in_chunks_of_at_most_500_and_reports_every_key()
    {
        var devices = DeviceManufacturer.MakeMany(1234, Api.Server);
        var chunks = new ConcurrentBag<FactoryChunk>();
        var progress = new MaxProgress();

        var registered = await new FactoryClient(Api.Over(_server.Handler), FakeKusabiServer.Token).RegisterAsync(
            devices.Select(d => d.PreKey).ToList(), (chunk, _) => { chunks.Add(chunk); return Task.CompletedTask; }, progress);

        registered.Select(r => r.Id).Should().Equal(devices.Select(d => d.PreKey.Id));
        chunks.Select(c => c.Count).Order().Should().Equal(234, 500, 500);
        chunks.Select(c => c.Offset).Order().Should().Equal(0, 500, 1000);
        progress.Max.Should().Be(1234);
        var requests = _server.Handler.Requests.ToList();
        requests.Should().HaveCount(3).And.OnlyContain(r => r.Request.Headers.Authorization!.ToString() == "Bearer " + FakeKusabiServer.Token);
        var first = JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("keys")[0];
        first.EnumerateObject().Select(p => p.Name).Should().Equal("id", "deviceRef", "publicKey");
    }

    [Fact]
    public async Task A_wrong_token_surfaces_the_problem_and_registers_nothing_locally()
    {
        var chunks = 0;
        var act = () => new FactoryClient(Api.Over(_server.Handler), "wrong").RegisterAsync(
            [DeviceManufacturer.Make(Api.Server).PreKey], (_, _) => { chunks++; return Task.CompletedTask; });

        (await act.Should().ThrowAsync<KusabiApiException>()).Which.Code.Should().Be(ProblemCodes.Unauthorized);
        chunks.Should().Be(0);
    }

    [Fact]
    public async Task A_key_missing_from_the_answer_is_a_protocol_error()
    {
        _server.Intercept = (_, _) => FakeHandler.Json(System.Net.HttpStatusCode.OK, """{"registered":[]}""");

        var act = () => new FactoryClient(Api.Over(_server.Handler), FakeKusabiServer.Token).RegisterAsync([DeviceManufacturer.Make(Api.Server).PreKey]);

        await act.Should().ThrowAsync<KusabiProtocolException>().WithMessage("*does not list pre key*");
    }

    private sealed class MaxProgress : IProgress<int>
    {
        private int _max;

        public int Max => _max;

        public void Report(int value)
        {
            int seen;
            while ((seen = _max) < value && Interlocked.CompareExchange(ref _max, value, seen) != seen)
            {
            }
        }
    }
}
