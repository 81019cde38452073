using Kusabi.EndToEnd.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kusabi.Browser.Tests;

public sealed class ViewerScreenTests(ScreenFixture screen) : IClassFixture<ScreenFixture>
{
    private SiloFixture Silo => screen.Silo;

    [Fact]
    public async Task A_viewer_sees_the_fleet_devices_and_deployments_but_no_action()
    {
        const string test = "viewer";
        var device = (await ScreenSteps.ActiveDevicesAsync(Silo, 1))[0];
        using var kit = new ReleaseKit(Silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(1);
        var deployment = await kit.DeployAsync(1, [device]);
        var page = await screen.NewPageAsync();

        await page.SignInAsync(Silo.ViewerToken);
        await Expect(page.Locator("#role")).ToHaveTextAsync("viewer");
        await Expect(page.DeviceRow(device)).ToBeVisibleAsync();
        await Expect(page.Locator("#devices input[type=checkbox]")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deploy a release to the selection…" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Orleans dashboard" })).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, test, "01-fleet");

        await page.DeviceRow(device).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#device-phase")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#device-actions")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(1); // sign out only
        await Screenshots.SaveAsync(page, test, "02-device");

        await page.GetByRole(AriaRole.Link, new() { Name = "Releases & deployments" }).ClickAsync();
        await Expect(page.Locator($".deployment[data-deployment='{deployment.Id}'] .state")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#deploy-form")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Halt" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, test, "03-deployments");
        device.Dispose();
    }

    [Fact]
    public async Task A_viewer_sees_the_chain_status()
    {
        var page = await screen.NewPageAsync();
        await page.SignInAsync(Silo.ViewerToken);

        await page.GetByRole(AriaRole.Link, new() { Name = "Chain" }).ClickAsync();

        await Expect(page.Locator("#contract")).ToHaveTextAsync(Silo.ContractAddress, new() { IgnoreCase = true });
        await Expect(page.Locator("#chain-id")).ToHaveTextAsync(Silo.Anvil.Node.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#head-block")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await Expect(page.Locator("#gateway-account")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0x[0-9a-fA-F]{40}$"));
        await Screenshots.SaveAsync(page, "viewer-chain", "01-chain");
    }

    [Fact]
    public async Task A_wrong_token_shows_the_sign_in_error_and_no_data()
    {
        var page = await screen.NewPageAsync();

        await page.SignInAsync(new string('f', 64));

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("That token is not valid.");
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await Expect(page.Locator("#view")).ToBeEmptyAsync();
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('kusabi.token')")).Should().BeNull();
        await Screenshots.SaveAsync(page, "sign-in", "01-wrong-token");
    }
}
