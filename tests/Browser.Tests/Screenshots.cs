using Microsoft.Playwright;

namespace Kusabi.Browser.Tests;

/// <summary>Saves a full-page screenshot per step under artifacts/screenshots/ at the repository root.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> s_directory = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kusabi.Orleans.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    });

    public static Task SaveAsync(IPage page, string test, string step) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(s_directory.Value, $"{test}-{step}.png"), FullPage = true });
}
