using System.Collections.Concurrent;
using System.Diagnostics;
using Kusabi.Chain.Model;
using Kusabi.Chain.Telemetry;
using Kusabi.TestSupport;

namespace Kusabi.Chain.Tests;

/// <summary>Spans of callers' entries and of the batch transactions that carry them, on a real chain.</summary>
public sealed class GatewayTracingTests : GatewayTestBase, IDisposable
{
    private const string CallersSourceName = "Kusabi.Chain.Tests.Callers";
    private static readonly ActivitySource s_callers = new(CallersSourceName);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public GatewayTracingTests(AnvilFixture anvil) : base(anvil)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ChainTracing.SourceName or CallersSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_registration_span_is_a_child_of_the_caller_and_has_ended_with_its_transaction_when_the_caller_resumes()
    {
        var key = TestKeys.Pre();
        using var caller = s_callers.StartActivity("caller")!;

        var registration = Gateway.RegisterAsync(key);
        Activity.Current.Should().BeSameAs(caller, "the entry's span is not made the caller's current span");
        var receipt = await registration;

        var span = _stopped.Should().ContainSingle(s => s.ParentSpanId == caller.SpanId && s.TraceId == caller.TraceId).Subject;
        span.OperationName.Should().Be("chain.register");
        span.GetTagItem(ChainTracing.KeyIdAttribute).Should().Be(key.Id.ToString());
        span.GetTagItem(ChainTracing.TransactionAttribute).Should().Be(receipt.TransactionHash);
        span.GetTagItem(ChainTracing.BlockAttribute).Should().Be(receipt.BlockNumber);
        span.GetTagItem(ChainTracing.EntriesAttribute).Should().Be(receipt.EntriesInTransaction);
    }

    [Fact]
    public async Task Callers_sharing_a_transaction_are_linked_to_its_batch_span_and_it_to_each_of_them()
    {
        var callers = new List<Activity>();
        var registrations = new List<Task<ChainReceipt>>();
        for (var i = 0; i < 5; i++)
        {
            // Five separate requests, each its own trace.
            var caller = s_callers.StartActivity("caller", ActivityKind.Internal, parentContext: default);
            callers.Add(caller!);
            registrations.Add(Gateway.RegisterAsync(TestKeys.Pre()));
            caller!.Stop();
            Activity.Current = null;
        }
        var receipts = await Task.WhenAll(registrations);

        var batches = _stopped.Where(s => s.OperationName == ChainTracing.BatchSpanName).ToList();
        for (var i = 0; i < callers.Count; i++)
        {
            var entry = _stopped.Single(s => s.ParentSpanId == callers[i].SpanId);
            var batch = batches.Single(b => entry.Links.Any(l => l.Context.SpanId == b.SpanId));
            batch.GetTagItem(ChainTracing.TransactionAttribute).Should().Be(receipts[i].TransactionHash);
            batch.TraceId.Should().NotBe(callers[i].TraceId, "a transaction serving many requests belongs to none of their traces");
            batch.Links.Select(l => l.Context.SpanId).Should().Contain(entry.SpanId);
            batch.GetTagItem(ChainTracing.EntriesAttribute).Should().Be(receipts[i].EntriesInTransaction);
        }
    }

    [Fact]
    public async Task A_refused_entry_span_ends_with_an_error_status_naming_the_error_type()
    {
        var original = TestKeys.Pre();
        await Gateway.RegisterAsync(original);
        using var caller = s_callers.StartActivity("caller")!;

        var conflict = Gateway.RegisterAsync(original with { PublicKey = TestKeys.Pre().PublicKey });
        await conflict.Invoking(t => t).Should().ThrowAsync<KeyConflictException>();

        var span = _stopped.Should().ContainSingle(s => s.ParentSpanId == caller.SpanId).Subject;
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("error.type").Should().Be(nameof(KeyConflictException));
    }

    [Fact]
    public async Task A_mined_batch_records_its_size_and_its_submit_to_mined_latency()
    {
        using var metrics = new MetricRecorder();

        await Gateway.RegisterAsync(TestKeys.Pre());

        metrics.Of("kusabi.chain.batch.size").Should().Contain(m => m.Value >= 1);
        metrics.Of("kusabi.chain.batch.duration").Should().Contain(m => m.Value > 0);
        metrics.Of("kusabi.chain.batch.duration").Should().OnlyContain(m => m.Tags.Length == 0);
    }
}
