using System.Diagnostics;

namespace Kusabi.Silo.Telemetry;

/// <summary>
/// Outgoing HTTP calls (the chain's JSON-RPC) are recorded only as part of a larger operation: a
/// request, a grain step or a batch transaction. Background polling (receipts every few
/// milliseconds) would otherwise start a trace of its own for every call.
/// </summary>
public static class HttpClientSpans
{
    /// <summary>Whether the outgoing call's span has a parent, i.e. belongs to a trace already under way.</summary>
    public static bool IsPartOfTrace(Activity? outgoing) =>
        outgoing is not null && (outgoing.Parent is not null || outgoing.ParentSpanId != default);
}
