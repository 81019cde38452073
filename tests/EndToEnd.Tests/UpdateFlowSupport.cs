using System.Net.Http.Json;
using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Updates;

namespace Kusabi.EndToEnd.Tests;

/// <summary>Shortcuts for the device and operator sides of an update, over the real HTTP API.</summary>
public static class UpdateFlowSupport
{
    public static async Task<DeploymentProgress> DeployAsync(this ReleaseKit kit, ulong version, IEnumerable<RawDevice> devices, int? waveSize = null, int threshold = 20, int attempts = 2)
    {
        var response = await kit.OperatorAsync(HttpMethod.Post, "/v1/operator/deployments", JsonContent.Create(new
        {
            product = kit.Product,
            version,
            devices = devices.Select(d => d.Device.ToString()).ToList(),
            waveSize,
            failureThresholdPercent = threshold,
            maxAttemptsPerDevice = attempts,
        }));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DeploymentProgress>())!;
    }

    public static async Task<DeploymentProgress> ProgressAsync(this ReleaseKit kit, string id) =>
        (await (await kit.OperatorAsync(HttpMethod.Get, $"/v1/operator/deployments/{id}")).Content.ReadFromJsonAsync<DeploymentProgress>())!;

    public static async Task<UpdatePollResponse> PollAsync(this RawDevice device)
    {
        var response = await device.SendAsync(device.Signed(HttpMethod.Get, "/v1/device/update"));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UpdatePollResponse>())!;
    }

    public static async Task ReportAsync(this RawDevice device, string deploymentId, string state) =>
        (await device.SendAsync(device.Signed(HttpMethod.Post, "/v1/device/update/status", new UpdateStatusReport(deploymentId, state, null)))).EnsureSuccessStatusCode();

    public static async Task<string> InventoryNonceAsync(this RawDevice device) =>
        (await (await device.SendAsync(device.Signed(HttpMethod.Post, "/v1/device/inventory/nonce"))).Content.ReadFromJsonAsync<InventoryNonce>())!.Nonce;

    public static Task<HttpResponseMessage> SendInventoryAsync(this RawDevice device, string nonce, Dictionary<string, string> inventory) =>
        device.SendAsync(device.Signed(HttpMethod.Post, "/v1/device/inventory", new InventoryReport(nonce, inventory)));

    /// <summary>What a device truthfully running this release reports.</summary>
    public static Dictionary<string, string> InventoryOf(RawDevice device, ReleaseManifest manifest) =>
        new(manifest.ExpectedInventory) { ["act-key"] = device.ActId.ToString() };

    public static byte[] Decode(string base64Url) => Base64Url.Decode(base64Url);
}
