using System.Diagnostics;
using Kusabi.Chain.Node;
using Kusabi.Chain.Telemetry;
using Kusabi.Grains.Telemetry;
using Kusabi.TestSupport;
using Orleans.Diagnostics;

namespace Kusabi.EndToEnd.Tests;

[Collection(TelemetryCollection.Name)]
public sealed class TracingTests(TelemetrySiloFixture telemetry)
{
    private const string ActKeyPath = "/v1/activation/act-key";
    private SiloFixture Silo => telemetry.Silo;

    [Fact]
    public async Task An_act_key_request_is_one_trace_from_the_server_span_through_the_grain_call_and_step_to_the_chain_registration()
    {
        var (trace, device) = await ActivateTracedAsync();
        using var _ = device;

        var spans = await TraceWithAsync(trace.TraceId, s => s.OperationName == ChainTracing.EntrySpanName("register"));

        var server = spans.Should().ContainSingle(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore").Subject;
        server.ParentSpanId.Should().Be(trace.ParentSpanId, "the server span continues the caller's trace");
        server.GetTagItem("http.route").Should().Be(ActKeyPath);
        var step = spans.Should().ContainSingle(s => s.Source.Name == GrainTelemetry.SourceName && s.OperationName == "activation.act_key").Subject;
        step.GetTagItem(GrainTelemetry.DeviceAttribute).Should().Be(device.Device.ToString());
        step.GetTagItem(GrainTelemetry.OutcomeTag).Should().Be("ok");
        var register = spans.Should().ContainSingle(s => s.Source.Name == ChainTracing.SourceName && s.OperationName == "chain.register").Subject;
        register.GetTagItem(ChainTracing.KeyIdAttribute).Should().Be(device.ActId.ToString());
        register.GetTagItem(ChainTracing.TransactionAttribute).Should().BeOfType<string>().Which.Should().StartWith("0x");
        ((int)register.GetTagItem(ChainTracing.EntriesAttribute)!).Should().BePositive();

        register.ParentSpanId.Should().Be(step.SpanId, "the registration is awaited by the act-key step");
        var ancestors = Ancestors(step, spans);
        ancestors.Should().Contain(s => s.Source.Name == ActivitySources.ApplicationGrainActivitySourceName && s.Kind == ActivityKind.Server,
            "the step runs inside the grain's side of an Orleans call");
        var grainCall = ancestors.First(s => s.Source.Name == ActivitySources.ApplicationGrainActivitySourceName);
        grainCall.GetTagItem("rpc.method").Should().Be("Kusabi.Grains.Interfaces.IDeviceGrain/IssueActKey");
        Ancestors(grainCall, spans).Should().Contain(server, "the grain call is made while serving the request");
    }

    [Fact]
    public async Task The_batch_transaction_span_links_the_registration_and_holds_the_json_rpc_calls_as_children()
    {
        var (trace, device) = await ActivateTracedAsync();
        using var _ = device;
        var spans = await TraceWithAsync(trace.TraceId, s => s.OperationName == ChainTracing.EntrySpanName("register"));
        var register = spans.Single(s => s.OperationName == ChainTracing.EntrySpanName("register"));
        var batchContext = register.Links.Should().ContainSingle().Subject.Context;

        Activity batch = null!;
        await Eventually.TrueAsync(() =>
        {
            batch = telemetry.Spans.SingleOrDefault(s => s.SpanId == batchContext.SpanId && s.TraceId == batchContext.TraceId)!;
            return batch is not null;
        }, TimeSpan.FromSeconds(30), "the batch span to be exported");

        batch.OperationName.Should().Be(ChainTracing.BatchSpanName);
        batch.GetTagItem(ChainTracing.TransactionAttribute).Should().Be(register.GetTagItem(ChainTracing.TransactionAttribute));
        batch.Links.Select(l => l.Context.SpanId).Should().Contain(register.SpanId);
        var rpcCalls = telemetry.SpansOf(batch.TraceId).Where(s => s.ParentSpanId == batch.SpanId && s.Kind == ActivityKind.Client).ToList();
        rpcCalls.Select(s => s.GetTagItem("url.full")).Should().Contain(url => url != null && url.ToString()!.StartsWith(Silo.Anvil.Node.RpcUrl.TrimEnd('/')),
            "Nethereum's JSON-RPC calls for the transaction are recorded as its children");
        telemetry.Spans.Where(s => s.Source.Name == "System.Net.Http").Should().OnlyContain(s => s.ParentSpanId != default,
            "receipt polling between transactions starts no trace of its own");
    }

    [Fact]
    public async Task No_span_of_an_activation_carries_the_session_key_the_act_key_seed_or_the_chain_signer_key()
    {
        var (trace, device) = await ActivateTracedAsync();
        using var _ = device;
        var spans = await TraceWithAsync(trace.TraceId, s => s.OperationName == ChainTracing.EntrySpanName("register"));
        var register = spans.Single(s => s.OperationName == ChainTracing.EntrySpanName("register"));
        var batchTrace = register.Links.Single().Context.TraceId;
        var seed = device.ActKey!.ExportPrivateSeed();
        var signer = Convert.FromHexString(AnvilNode.DevelopmentKeys[0].Replace("0x", "", StringComparison.Ordinal));

        var texts = spans.Concat(telemetry.SpansOf(batchTrace)).SelectMany(SpanTexts).ToList();

        texts.Should().NotBeEmpty();
        foreach (var secret in new[] { device.SessionKey, seed, signer })
        {
            foreach (var form in Encodings(secret))
                texts.Should().NotContain(t => t.Contains(form, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task With_the_standard_otlp_variables_set_spans_and_metrics_reach_the_collector()
    {
        using var device = await RawDevice.RegisteredAsync(Silo.Http, Silo.FactoryToken);
        await device.ActivateAsync();

        await Eventually.TrueAsync(() => telemetry.Collector.Posts.Any(p => p.Path == "/v1/traces" && p.Bytes > 0)
            && telemetry.Collector.Posts.Any(p => p.Path == "/v1/metrics" && p.Bytes > 0), TimeSpan.FromSeconds(30), "OTLP posts of both signals");
        telemetry.Collector.Posts.Should().OnlyContain(p => p.ContentType == "application/x-protobuf");
    }

    private async Task<(TracedClient Trace, RawDevice Device)> ActivateTracedAsync()
    {
        var trace = new TracedClient(ActKeyPath);
        var http = TracedClient.For(Silo.BaseAddress, trace);
        var device = await RawDevice.RegisteredAsync(http, Silo.FactoryToken);
        await device.ActivateAsync();
        return (trace, device);
    }

    /// <summary>The exported spans of a trace once one matching <paramref name="last"/> (the latest to end) is among them.</summary>
    private async Task<IReadOnlyList<Activity>> TraceWithAsync(ActivityTraceId trace, Func<Activity, bool> last)
    {
        IReadOnlyList<Activity> spans = [];
        await Eventually.TrueAsync(() =>
        {
            spans = telemetry.SpansOf(trace);
            return spans.Any(last) && spans.Any(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        }, TimeSpan.FromSeconds(30), "the act-key request's spans to be exported");
        return spans;
    }

    private static List<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        var ancestors = new List<Activity>();
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId) ancestors.Add(next);
        return ancestors;
    }

    private static IEnumerable<string> SpanTexts(Activity span) =>
        span.TagObjects.Select(t => $"{t.Key}={t.Value}")
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Append(e.Name)))
            .Append(span.DisplayName).Append(span.StatusDescription ?? "");

    private static IEnumerable<string> Encodings(byte[] secret) =>
        [Convert.ToHexString(secret), Convert.ToBase64String(secret).TrimEnd('='), Protocol.Encoding.Base64Url.Encode(secret)];
}
