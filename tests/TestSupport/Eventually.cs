namespace Kusabi.TestSupport;

/// <summary>Waits for a condition with a bound instead of sleeping for a fixed time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up after {limit.TotalSeconds:0}s waiting for {what}.");
            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan limit, string what) =>
        TrueAsync(() => Task.FromResult(condition()), limit, what);
}
