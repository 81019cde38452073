namespace Kusabi.Client;

/// <summary>
/// The one HttpClient a process should share: pooled connections bounded per server, so a load
/// test's concurrency is the connection count and not a flood of sockets.
/// </summary>
public static class KusabiHttp
{
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    public static HttpClient CreateClient(int maxConnectionsPerServer = 16)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnectionsPerServer,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        };
        // Per-request timeouts live in KusabiApiClient, where they can be told apart from cancellation.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxResponseBytes };
    }
}
