using Kusabi.Client;
using Kusabi.DeviceClient.Device;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// An activated device running the real <see cref="UpdateAgent"/> against the silo over HTTP, with
/// in-memory simulated firmware. Requests pass through <see cref="Recorder"/>, which keeps a copy of
/// each one so a test can send a captured request again.
/// </summary>
public sealed class AgentDevice : IDisposable
{
    private readonly HttpClient _http;

    public AgentDevice(SiloFixture silo, RawDevice device, string product, string hardware = "hw1", IReleaseChain? chain = null, DelegatingHandler? between = null)
    {
        Raw = device;
        Recorder = new RequestRecorder { InnerHandler = new SocketsHttpHandler() };
        HttpMessageHandler handler = Recorder;
        if (between is not null)
        {
            between.InnerHandler = Recorder;
            handler = between;
        }
        _http = new HttpClient(handler);
        var bundle = new DeviceBundle
        {
            DeviceRef = device.Device,
            ServerUrl = silo.BaseAddress,
            ActId = device.ActId,
            ActPrivateKey = device.ActKey!.ExportPrivateSeed(),
        };
        Firmware = SimulatedFirmware.InMemory(product, hardware);
        Agent = new UpdateAgent(new DeviceApiClient(new KusabiApiClient(_http, silo.BaseAddress), bundle), Firmware,
            new UpdateAgentOptions { StopAfterUpdate = true, Chain = chain });
    }

    public RawDevice Raw { get; }

    public UpdateAgent Agent { get; }

    public SimulatedFirmware Firmware { get; }

    public RequestRecorder Recorder { get; }

    /// <summary>One poll, and the assignment it brings handled to the end.</summary>
    public Task<UpdateAgentRun> PollOnceAsync() => Agent.RunAsync(1, CancellationToken.None);

    public void Dispose()
    {
        _http.Dispose();
        Raw.Dispose();
    }
}

/// <summary>Keeps method, URI, headers and body of every request that passes.</summary>
public sealed class RequestRecorder : DelegatingHandler
{
    public List<(HttpMethod Method, Uri Uri, string Authorization, byte[] Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        lock (Requests) Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString() ?? "", body));
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>The exact bytes and signature of an earlier request, sent again.</summary>
    public HttpRequestMessage Replay((HttpMethod Method, Uri Uri, string Authorization, byte[] Body) captured)
    {
        var request = new HttpRequestMessage(captured.Method, captured.Uri);
        if (captured.Body.Length > 0) request.Content = new ByteArrayContent(captured.Body) { Headers = { ContentType = new("application/json") } };
        request.Headers.TryAddWithoutValidation("Authorization", captured.Authorization);
        return request;
    }
}
