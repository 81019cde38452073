using Kusabi.EndToEnd.Tests;
using Microsoft.Playwright;

namespace Kusabi.Browser.Tests;

/// <summary>
/// A real silo on a loopback port in front of a real anvil, and Debian's headless Chromium driven by
/// Playwright. Each test class gets its own, so fleet counts on screen are the class's own devices.
/// </summary>
public sealed class ScreenFixture : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public SiloFixture Silo { get; } = new();
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Silo.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu"],
        });
    }

    /// <summary>A fresh browser context (its own sessionStorage and cookies) on the silo.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Silo.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Silo.DisposeAsync();
    }
}
