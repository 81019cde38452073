using System.Diagnostics;

namespace Kusabi.Chain.Telemetry;

/// <summary>
/// Spans of registry writes. Each caller's entry gets a span that ends when the entry is mined (or
/// fails); the transaction that carried it gets a span of its own, linked both ways, because one
/// transaction serves many callers' traces. Keys and signer secrets never appear here.
/// </summary>
public static class ChainTracing
{
    public const string SourceName = "Kusabi.Chain";
    public const string BatchSpanName = "chain.batch.send";

    public const string OperationAttribute = "kusabi.chain.operation";
    public const string KeyIdAttribute = "kusabi.key.id";
    public const string TransactionAttribute = "kusabi.chain.tx_hash";
    public const string BlockAttribute = "kusabi.chain.block";
    public const string EntriesAttribute = "kusabi.chain.entries";
    public const string NonceAttribute = "kusabi.chain.nonce";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span name of a caller's entry of this kind, e.g. "chain.register".</summary>
    public static string EntrySpanName(string operation) => "chain." + operation;

    /// <summary>
    /// Starts a caller's entry span under the caller's current span without making it current, so the
    /// caller's next entries are its siblings rather than its children.
    /// </summary>
    internal static Activity? StartEntry(string operation, string? keyId)
    {
        var current = Activity.Current;
        var span = Source.StartActivity(EntrySpanName(operation), ActivityKind.Internal);
        Activity.Current = current;
        if (span is null) return null;
        span.SetTag(OperationAttribute, operation);
        if (keyId is not null) span.SetTag(KeyIdAttribute, keyId);
        return span;
    }

    internal static void EndEntry(Activity? span, string? transaction, long? block, int? entries, Exception? error)
    {
        if (span is null) return;
        if (transaction is not null) span.SetTag(TransactionAttribute, transaction);
        if (block is not null) span.SetTag(BlockAttribute, block);
        if (entries is not null) span.SetTag(EntriesAttribute, entries);
        if (error is not null)
        {
            span.SetTag("error.type", error.GetType().Name);
            span.SetStatus(ActivityStatusCode.Error, error.Message);
        }
        // Stopping restores the span's predecessor as current on this thread; keep this thread's own.
        var current = Activity.Current;
        span.Stop();
        Activity.Current = current;
    }

    /// <summary>A batch transaction's span: a root of its own, linked to the entries it carries once sent.</summary>
    internal static Activity? StartBatch(int entries)
    {
        var span = Source.StartActivity(BatchSpanName, ActivityKind.Client, parentContext: default);
        span?.SetTag(EntriesAttribute, entries);
        return span;
    }

    /// <summary>Links the sent transaction and its entries to each other and names the transaction.</summary>
    internal static void NoteSent(Activity? batch, string hash, long nonce, IEnumerable<Activity?> entries)
    {
        var count = 0;
        foreach (var entry in entries)
        {
            count++;
            if (entry is null) continue;
            entry.SetTag(TransactionAttribute, hash);
            if (batch is null) continue;
            entry.AddLink(new ActivityLink(batch.Context));
            batch.AddLink(new ActivityLink(entry.Context));
        }
        batch?.SetTag(TransactionAttribute, hash);
        batch?.SetTag(NonceAttribute, nonce);
        batch?.SetTag(EntriesAttribute, count);
    }
}
