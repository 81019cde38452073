namespace Kusabi.Client;

/// <summary>Timeouts and retries of <see cref="KusabiApiClient"/>.</summary>
public sealed record KusabiApiOptions
{
    /// <summary>One request, response included. Act-key waits for a chain write, so this is generous.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>The local clock, corrected by the server's Date headers (see <see cref="ServerClock"/>).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
