using Kusabi.DeviceClient.Cli;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--count must be between 1 and 100000; got 0.", "factory", "--count", "0", "--server", "http://x", "--token-file", "t", "--out", "o")]
    [InlineData("--server must be an absolute http:// or https:// URL; got 'localhost'.", "factory", "--count", "1", "--server", "localhost", "--token-file", "t", "--out", "o")]
    [InlineData("--concurrency must be between 1 and 5000; got 5001.", "loadtest", "--devices", "1", "--concurrency", "5001", "--server", "http://x", "--token-file", "t")]
    [InlineData("--duration-limit must be a duration between 1s and 24h such as 90s, 10m or 1h; got '0s'.", "loadtest", "--duration-limit", "0s", "--server", "http://x", "--token-file", "t")]
    [InlineData("--update-artifact-size must be between 1 and 268435456; got 0.", "loadtest", "--update-artifact-size", "0", "--server", "http://x", "--token-file", "t")]
    [InlineData("--devices must be between 1 and 100000; got 100001.", "simulate", "--devices", "100001", "--server", "http://x", "--token-file", "t")]
    [InlineData("--timeout must be a duration between 1s and 24h such as 90s, 10m or 1h; got '0s'.", "simulate", "--timeout", "0s", "--server", "http://x", "--token-file", "t")]
    [InlineData("--contract must be 0x followed by 40 hexadecimal characters; got '0x1'.", "factory", "--count", "1", "--server", "http://x", "--token-file", "t", "--out", "o", "--contract", "0x1")]
    public async Task Bad_arguments_exit_2_with_a_precise_message(string expected, params string[] args)
    {
        var error = new StringWriter();

        var code = await CommandLine.InvokeAsync(args, error);

        code.Should().Be(ExitCodes.BadArguments);
        error.ToString().Should().Contain(expected);
    }

    [Fact]
    public async Task Activating_an_activated_bundle_exits_2()
    {
        var path = _folder.File("device.json");
        var bundle = DeviceManufacturer.Make(new Uri("http://127.0.0.1:1")).Bundle.WithActKey(KusabiId.Create(KeyPurpose.Act, new byte[32]), new byte[32]);
        DeviceBundleFile.Save(bundle, path);

        (await CommandLine.InvokeAsync(["activate", "--bundle", path])).Should().Be(ExitCodes.BadArguments);
    }

    [Fact]
    public async Task Activating_a_missing_bundle_exits_2()
    {
        (await CommandLine.InvokeAsync(["activate", "--bundle", _folder.File("absent.json")])).Should().Be(ExitCodes.BadArguments);
    }

    [Fact]
    public async Task An_unreachable_server_exits_4_and_keeps_the_pre_key()
    {
        var path = _folder.File("device.json");
        var bundle = DeviceManufacturer.Make(new Uri("http://127.0.0.1:1")).Bundle;
        DeviceBundleFile.Save(bundle, path);

        (await CommandLine.InvokeAsync(["activate", "--bundle", path])).Should().Be(ExitCodes.ServerUnreachable);

        DeviceBundleFile.Load(path).PrePrivateKey.Should().Equal(bundle.PrePrivateKey);
    }

    [Fact]
    public async Task An_empty_token_file_exits_2()
    {
        var token = _folder.File("token");
        File.WriteAllText(token, "\n");

        var code = await CommandLine.InvokeAsync(["factory", "--count", "1", "--server", "http://127.0.0.1:1", "--token-file", token, "--out", _folder.File("out")]);

        code.Should().Be(ExitCodes.BadArguments);
    }

    [Fact]
    public void The_progress_bar_draws_in_place_and_keeps_the_highest_count()
    {
        var output = new StringWriter();
        var bar = new ProgressBar("registered", 10, output, inPlace: true);

        bar.Report(4);
        bar.Report(3);
        bar.Report(10);

        output.ToString().Should().Be("\rregistered [############                  ] 4/10\rregistered [##############################] 10/10" + Environment.NewLine);
    }
}
