using Kusabi.EndToEnd.Tests;
using Microsoft.Playwright;

namespace Kusabi.Browser.Tests;

/// <summary>What a person does on the screen, step by step, and the devices they look at.</summary>
public static class ScreenSteps
{
    public static async Task SignInAsync(this IPage page, string token)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task<List<RawDevice>> ActiveDevicesAsync(SiloFixture silo, int count)
    {
        var devices = new List<RawDevice>();
        for (var i = 0; i < count; i++)
        {
            var device = await RawDevice.RegisteredAsync(silo.Http, silo.FactoryToken);
            await device.ActivateAsync();
            devices.Add(device);
        }
        return devices;
    }

    public static ILocator DeviceRow(this IPage page, RawDevice device) => page.Locator($"#devices tr[data-device='{device.Device}']");
}
