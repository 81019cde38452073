using System.Net.Http.Json;
using System.Text.Json;
using Kusabi.Chain.Model;
using Kusabi.Operator.Cli;
using Kusabi.Silo.Chain;
using Kusabi.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Kusabi.EndToEnd.Tests;

/// <summary>kusabi-ops as a separate process against the in-process silo: each command's happy path and its refusals.</summary>
[Collection(SiloCollection.Name)]
public sealed class OperatorCliTests(SiloFixture silo) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kusabi-ops-").FullName;

    private ChainRuntime Chain => silo.Services.GetRequiredService<ChainRuntime>();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<OpsRun> OpsAsync(string token, params string[] args) => OpsProcess.RunAsync([.. args, "--server", silo.BaseAddress.ToString(), "--token", token]);

    private async Task<RawDevice> ActiveDeviceAsync(string? lot = null)
    {
        var device = new RawDevice(silo.Http);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/factory/pre-keys") { Content = JsonContent.Create(new { keys = new[] { device.FactoryKey() }, lot }) };
        request.Headers.Authorization = new("Bearer", silo.FactoryToken);
        (await silo.Http.SendAsync(request)).EnsureSuccessStatusCode();
        await device.ActivateAsync();
        await Eventually.TrueAsync(async () => (await OpsAsync(silo.ViewerToken, "devices", "list", "--search", device.Device.ToString(), "--json")).Output.Contains(device.ActId.ToString()),
            TimeSpan.FromSeconds(30), "the fleet index to list the device");
        return device;
    }

    [Fact]
    public async Task Fleet_summary_prints_the_counts_and_the_chain_head()
    {
        var run = await OpsAsync(silo.ViewerToken, "fleet", "summary");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Output.Should().Contain("devices:").And.Contain("active").And.Contain($"registry {silo.ContractAddress}");
    }

    [Fact]
    public async Task Devices_list_shows_an_activated_device_in_a_table_and_filters_by_lot_and_phase()
    {
        var lot = $"lot-{Guid.NewGuid():N}"[..12];
        using var device = await ActiveDeviceAsync(lot);

        var table = await OpsAsync(silo.ViewerToken, "devices", "list", "--lot", lot, "--phase", "Active");
        var json = await OpsAsync(silo.ViewerToken, "devices", "list", "--lot", lot, "--phase", "Revoked", "--json");

        table.ExitCode.Should().Be(ExitCodes.Ok, table.ToString());
        table.Output.Should().Contain("DEVICE").And.Contain(device.Device.ToString()).And.Contain("page 0: 1 device(s)");
        using var page = JsonDocument.Parse(json.Output);
        page.RootElement.GetProperty("devices").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Device_show_by_act_kusabi_id_prints_the_keys_on_chain_and_the_timeline_with_blocks_and_transactions()
    {
        using var device = await ActiveDeviceAsync();
        var act = await Chain.Reader.GetKeyAsync(device.ActId);

        var run = await OpsAsync(silo.ViewerToken, "device", "show", device.ActId.ToString());

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Output.Should().Contain($"device      {device.Device}").And.Contain("phase       active")
            .And.Contain(device.PreId.ToString()).And.Contain("Consumed")
            .And.Contain(device.ActId.ToString()).And.Contain($"block {act.RegisteredBlock}")
            .And.Contain("act-key-registered").And.MatchRegex("0x[0-9a-f]{64}");
    }

    [Fact]
    public async Task Device_show_of_an_unknown_device_exits_4_with_the_servers_problem()
    {
        var run = await OpsAsync(silo.ViewerToken, "device", "show", new string('b', 64));

        run.ExitCode.Should().Be(ExitCodes.Refused, run.ToString());
        run.Error.Should().Contain("404 unknown-device").And.Contain(new string('b', 64));
    }

    [Fact]
    public async Task A_command_without_a_token_exits_3_before_sending_anything()
    {
        var run = await OpsProcess.RunAsync(["fleet", "summary", "--server", silo.BaseAddress.ToString()]);

        run.ExitCode.Should().Be(ExitCodes.AuthFailed, run.ToString());
        run.Error.Should().Contain("No bearer token");
    }

    [Fact]
    public async Task The_token_can_come_from_the_environment()
    {
        var run = await OpsProcess.RunAsync(["fleet", "summary", "--server", silo.BaseAddress.ToString()], tokenVariable: silo.ViewerToken);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
    }

    [Fact]
    public async Task A_viewer_token_cannot_revoke_and_exits_3_leaving_the_key_active()
    {
        using var device = await ActiveDeviceAsync();

        var run = await OpsAsync(silo.ViewerToken, "device", "revoke", device.Device.ToString(), "--reason", "stolen");

        run.ExitCode.Should().Be(ExitCodes.AuthFailed, run.ToString());
        run.Error.Should().Contain("403");
        (await Chain.Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Active);
    }

    [Fact]
    public async Task Bad_arguments_exit_2_and_send_nothing()
    {
        var run = await OpsAsync(silo.OperatorToken, "devices", "list", "--page-size", "9999");

        run.ExitCode.Should().Be(ExitCodes.BadArguments, run.ToString());
        run.Error.Should().Contain("--page-size must be between 1 and 500");
    }

    [Fact]
    public async Task Device_revoke_revokes_the_act_key_on_chain_and_prints_the_transaction()
    {
        using var device = await ActiveDeviceAsync();

        var run = await OpsAsync(silo.OperatorToken, "device", "revoke", device.Device.ToString(), "--reason", "stolen");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Output.Should().MatchRegex($"Device {device.Device} revoked in block [0-9]+, transaction 0x[0-9a-f]{{64}}");
        (await Chain.Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Revoked);
    }

    [Fact]
    public async Task Device_quarantine_and_release_set_and_lift_the_quarantine()
    {
        using var device = await ActiveDeviceAsync();

        var quarantined = await OpsAsync(silo.OperatorToken, "device", "quarantine", device.Device.ToString(), "--reason", "inspection");
        var released = await OpsAsync(silo.OperatorToken, "device", "release", device.Device.ToString());

        quarantined.ExitCode.Should().Be(ExitCodes.Ok, quarantined.ToString());
        quarantined.Output.Should().Contain("is quarantined");
        released.ExitCode.Should().Be(ExitCodes.Ok, released.ToString());
        released.Output.Should().Contain("is not quarantined");
    }

    [Fact]
    public async Task Lot_revoke_revokes_the_lots_keys_in_one_transaction()
    {
        var lot = $"lot-{Guid.NewGuid():N}"[..12];
        using var device = await ActiveDeviceAsync(lot);

        var run = await OpsAsync(silo.OperatorToken, "lot", "revoke", lot, "--reason", "recalled");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Output.Should().MatchRegex($"Lot {lot}: 1 key\\(s\\) revoked in block [0-9]+, transaction 0x[0-9a-f]{{64}}");
        (await Chain.Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Revoked);
    }

    [Fact]
    public async Task Lot_revoke_of_an_unknown_lot_exits_4()
    {
        var run = await OpsAsync(silo.OperatorToken, "lot", "revoke", "no-such-lot", "--reason", "recalled");

        run.ExitCode.Should().Be(ExitCodes.Refused, run.ToString());
        run.Error.Should().Contain("no-such-lot");
    }

    [Fact]
    public async Task An_art_key_signs_a_release_that_is_published_and_deployed_then_the_deployment_is_followed_and_halted()
    {
        using var device = await ActiveDeviceAsync();
        var key = Path.Combine(_folder, "art.key");
        var artifact = Path.Combine(_folder, "fw.bin");
        var release = Path.Combine(_folder, "release.json");
        var devices = Path.Combine(_folder, "devices.txt");
        var product = $"cam-{Guid.NewGuid():N}"[..12];
        await File.WriteAllBytesAsync(artifact, ReleaseKit.Artifact());
        await File.WriteAllTextAsync(devices, device.Device.ToString());

        (await OpsProcess.RunAsync(["art-key", "new", "--out", key])).ExitCode.Should().Be(ExitCodes.Ok);
        var registered = await OpsAsync(silo.OperatorToken, "art-key", "register", "--key", key);
        var signed = await OpsProcess.RunAsync(["release", "sign", "--art-key", key, "--artifact", artifact, "--product", product, "--hardware", "hw1", "--version", "1", "--out", release]);
        var published = await OpsAsync(silo.OperatorToken, "release", "publish", "--release", release, "--artifact", artifact);
        var started = await OpsAsync(silo.OperatorToken, "deploy", "start", "--product", product, "--version", "1", "--devices", devices);
        var id = System.Text.RegularExpressions.Regex.Match(started.Output, "Deployment (\\S+) started").Groups[1].Value;
        var status = await OpsAsync(silo.ViewerToken, "deploy", "status", "--id", id, "--json");
        var halted = await OpsAsync(silo.OperatorToken, "deploy", "halt", "--id", id);
        var watched = await OpsAsync(silo.ViewerToken, "deploy", "status", "--id", id, "--watch");

        registered.ExitCode.Should().Be(ExitCodes.Ok, registered.ToString());
        signed.ExitCode.Should().Be(ExitCodes.Ok, signed.ToString());
        published.Output.Should().Contain($"Release {product} v1 anchored");
        started.ExitCode.Should().Be(ExitCodes.Ok, started.ToString());
        using (var json = JsonDocument.Parse(status.Output)) json.RootElement.GetProperty("product").GetString().Should().Be(product);
        halted.ExitCode.Should().Be(ExitCodes.Ok, halted.ToString());
        watched.ExitCode.Should().Be(ExitCodes.Failed, "a halted deployment is not a success");
        watched.Output.Should().Contain($"Deployment {id} halted");
    }

    [Fact]
    public async Task Deploy_status_of_an_unknown_deployment_exits_4()
    {
        var run = await OpsAsync(silo.ViewerToken, "deploy", "status", "--id", "no-such-deployment");

        run.ExitCode.Should().Be(ExitCodes.Refused, run.ToString());
        run.Error.Should().Contain("404");
    }
}
