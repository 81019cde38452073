using Kusabi.DeviceClient.Device;

namespace Kusabi.DeviceClient.Tests.Support;

/// <summary>API clients over a fake handler, with retries fast enough for tests.</summary>
public static class Api
{
    public static readonly Uri Server = new("http://kusabi.test:8080");

    public static readonly RetryPolicy FastRetry = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    public static KusabiApiClient Over(HttpMessageHandler handler, RetryPolicy? retry = null) =>
        new(new HttpClient(handler), Server, new KusabiApiOptions { Retry = retry ?? FastRetry, RequestTimeout = TimeSpan.FromSeconds(10) });
}
