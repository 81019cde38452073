using System.Net.Http.Headers;

namespace Kusabi.Client;

/// <summary>
/// How often and how patiently to retry a request that failed for a passing reason (no connection,
/// timeout, 502/503/504). Client errors (4xx) are never retried: sending the same thing again
/// cannot change the answer.
/// </summary>
public sealed record RetryPolicy
{
    public static readonly RetryPolicy Default = new();

    /// <summary>For tests and callers that handle failure themselves.</summary>
    public static readonly RetryPolicy None = new() { MaxAttempts = 1 };

    /// <summary>Total tries, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public static bool IsTransientStatus(int status) => status is 502 or 503 or 504;

    /// <summary>
    /// Exponential backoff with jitter (so a fleet that failed together does not retry together),
    /// or the server's Retry-After when it gives one; never more than <see cref="MaxDelay"/>.
    /// </summary>
    public TimeSpan DelayBefore(int nextAttempt, RetryConditionHeaderValue? retryAfter = null)
    {
        if (retryAfter?.Delta is { } delta) return delta < MaxDelay ? delta : MaxDelay;
        var exponential = BaseDelay * Math.Pow(2, Math.Max(0, nextAttempt - 2));
        var capped = exponential < MaxDelay ? exponential : MaxDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
    }
}
