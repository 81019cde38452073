using Kusabi.EndToEnd.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Kusabi.Browser.Tests;

public sealed class OperatorScreenTests(ScreenFixture screen) : IClassFixture<ScreenFixture>
{
    private SiloFixture Silo => screen.Silo;

    [Fact]
    public async Task An_operator_finds_a_device_and_follows_a_forced_update_started_from_the_screen()
    {
        const string test = "operator-update";
        var devices = await ScreenSteps.ActiveDevicesAsync(Silo, 3);
        using var kit = new ReleaseKit(Silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(1);
        var page = await screen.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.GetByLabel("API token")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, test, "01-sign-in");
        await page.SignInAsync(Silo.OperatorToken);
        await Expect(page.Locator("[data-stat=devices] .value")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-stat=active] .value")).ToHaveTextAsync("3");
        await Expect(page.Locator("#role")).ToHaveTextAsync("operator");
        await Screenshots.SaveAsync(page, test, "02-summary");

        await page.Locator("#search").FillAsync(devices[1].ActId.ToString()[..16]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(1);
        await Expect(page.DeviceRow(devices[1])).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, test, "03-search");

        await page.DeviceRow(devices[1]).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("#device-phase")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#device-keys")).ToContainTextAsync(devices[1].ActId.ToString()[..20]);
        await Expect(page.Locator("#device-keys tr[data-key-role=act]")).ToContainTextAsync("Active");
        await Expect(page.Locator("#device-timeline")).ToContainTextAsync("activated");
        await Screenshots.SaveAsync(page, test, "04-device");

        await page.GetByRole(AriaRole.Link, new() { Name = "‹ Fleet" }).ClickAsync();
        await page.Locator("#search").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(3);
        await page.DeviceRow(devices[0]).Locator("input[type=checkbox]").CheckAsync();
        await page.DeviceRow(devices[1]).Locator("input[type=checkbox]").CheckAsync();
        await Expect(page.Locator("#selection-note")).ToHaveTextAsync("2 selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deploy a release to the selection…" }).ClickAsync();
        await Expect(page.Locator("#releases")).ToContainTextAsync(kit.Product);
        await Expect(page.Locator("#deploy-target")).ToHaveValueAsync("devices");
        await Screenshots.SaveAsync(page, test, "05-deploy-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Start deployment" }).ClickAsync();
        var card = page.Locator(".deployment").Filter(new() { HasText = kit.Product });
        await Expect(card.Locator("[data-count=assigned]")).ToHaveTextAsync("assigned 2");
        await Screenshots.SaveAsync(page, test, "06-started");
        var deploymentId = (await card.GetAttributeAsync("data-deployment"))!;

        (await devices[0].PollAsync()).Assignment.Should().NotBeNull();
        await devices[0].ReportAsync(deploymentId, "downloading");
        await Expect(card.Locator("[data-count=downloading]")).ToHaveTextAsync("downloading 1");
        await devices[0].ReportAsync(deploymentId, "installed");
        await Expect(card.Locator("[data-count=installed]")).ToHaveTextAsync("installed 1");
        await Expect(card.Locator(".progress")).ToHaveAttributeAsync("aria-label", "1 of 2 installed");
        await Screenshots.SaveAsync(page, test, "07-progress");

        await devices[1].ReportAsync(deploymentId, "installed");
        await Expect(card.Locator("[data-count=installed]")).ToHaveTextAsync("installed 2");
        await Expect(card.Locator(".state")).ToHaveTextAsync("Completed");
        await Screenshots.SaveAsync(page, test, "08-completed");
        devices.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task An_operator_halts_a_running_deployment_from_the_screen()
    {
        var devices = await ScreenSteps.ActiveDevicesAsync(Silo, 1);
        using var kit = new ReleaseKit(Silo);
        await kit.RegisterArtKeyAsync();
        await kit.ReleaseAsync(2);
        var deployment = await kit.DeployAsync(2, devices);
        var page = await screen.NewPageAsync();

        await page.SignInAsync(Silo.OperatorToken);
        await page.GetByRole(AriaRole.Link, new() { Name = "Releases & deployments" }).ClickAsync();
        var card = page.Locator($".deployment[data-deployment='{deployment.Id}']");
        await Expect(card.Locator(".state")).ToHaveTextAsync("Running");
        await card.GetByRole(AriaRole.Button, new() { Name = "Halt" }).ClickAsync();

        await Expect(card.Locator(".state")).ToHaveTextAsync("Halted");
        await Screenshots.SaveAsync(page, "operator-halt", "01-halted");
        (await kit.ProgressAsync(deployment.Id)).State.Should().Be(Grains.Interfaces.DeploymentState.Halted);
        devices.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task An_operator_quarantines_a_device_from_its_page()
    {
        var device = (await ScreenSteps.ActiveDevicesAsync(Silo, 1))[0];
        var page = await screen.NewPageAsync();
        await page.SignInAsync(Silo.OperatorToken);

        await page.GotoAsync($"/#device/{device.Device}");
        await page.GetByLabel("Reason").FillAsync("inspection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quarantine" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Release from quarantine" })).ToBeVisibleAsync();
        await Expect(page.Locator("#device-timeline")).ToContainTextAsync("inspection");
        await Screenshots.SaveAsync(page, "operator-quarantine", "01-quarantined");
        device.Dispose();
    }

    [Fact]
    public async Task An_operator_revokes_a_device_on_chain_from_its_page()
    {
        var device = (await ScreenSteps.ActiveDevicesAsync(Silo, 1))[0];
        var page = await screen.NewPageAsync();
        await page.SignInAsync(Silo.OperatorToken);

        await page.GotoAsync($"/#device/{device.Device}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: revoke on chain" }).ClickAsync();

        await Expect(page.Locator("#device-phase")).ToHaveTextAsync("Revoked");
        await Expect(page.Locator("#device-keys tr[data-key-role=act]")).ToContainTextAsync("Revoked");
        await Screenshots.SaveAsync(page, "operator-revoke", "01-revoked");
        device.Dispose();
    }

    [Fact]
    public async Task The_orleans_dashboard_opens_for_a_signed_in_operator_and_loads_its_data_with_the_session_cookie()
    {
        var page = await screen.NewPageAsync();
        await page.SignInAsync(Silo.OperatorToken);
        await Expect(page.Locator("#role")).ToHaveTextAsync("operator");

        var clusterStats = page.WaitForResponseAsync(r => r.Url.Contains("/dashboard/ClusterStats", StringComparison.Ordinal));
        var response = await page.GotoAsync("/dashboard/");

        response!.Status.Should().Be(200);
        (await clusterStats).Status.Should().Be(200);
        await Screenshots.SaveAsync(page, "operator-dashboard", "01-dashboard");
    }
}
