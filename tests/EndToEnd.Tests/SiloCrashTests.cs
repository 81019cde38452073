using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Kusabi.Chain.Node;
using Kusabi.Protocol.Activation;
using Kusabi.Silo.Security;
using Kusabi.TestSupport;

namespace Kusabi.EndToEnd.Tests;

/// <summary>
/// kill -9 of a silo process (durable profile on Redis) at each step of an activation, then a
/// restart: the device recovers by retrying, and the chain ends with exactly one active act key.
/// </summary>
public sealed class SiloCrashTests : IAsyncLifetime
{
    private readonly AnvilFixture _anvil = new();
    private RedisServer _redis = null!;
    private SiloProcess _silo = null!;
    private ChainConnection _chain = null!;
    private HttpClient _http = null!;
    private readonly string _token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private RegistryReader Reader => new(_chain);

    public async Task InitializeAsync()
    {
        await _anvil.InitializeAsync();
        var options = await _anvil.DeployRegistryAsync();
        _chain = new ChainConnection(options);
        _redis = await RedisServer.StartAsync();
        _silo = new SiloProcess(new Dictionary<string, string>
        {
            ["Kusabi:Profile"] = "durable",
            ["Kusabi:Redis"] = _redis.ConnectionString,
            ["Kusabi:FactoryTokenHashes:0"] = Convert.ToHexString(ApiCredentials.Hash(_token)),
            ["Chain:RpcUrl"] = options.RpcUrl!,
            ["Chain:ChainId"] = options.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Chain:ContractAddress"] = options.ContractAddress!,
            ["Chain:SignerPrivateKey"] = AnvilNode.DevelopmentKeys[0],
        });
        await _silo.StartAsync();
        _http = new HttpClient { BaseAddress = _silo.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
        await _redis.DisposeAsync();
        _chain.Dispose();
        await _anvil.DisposeAsync();
    }

    [Fact]
    public async Task A_crash_after_the_session_was_opened_is_recovered_by_starting_again()
    {
        using var device = await RawDevice.RegisteredAsync(_http, _token);
        await device.BeginAsync();

        await CrashAndRestartAsync();

        await (await device.ActKeyRawAsync(device.ActKeyRequest())).ShouldBeProblemAsync(404, ProblemCodes.UnknownSession);
        await device.ActivateAsync();
        (await Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Active);
        (await Reader.GetKeyAsync(device.PreId)).Status.Should().Be(KeyStatus.Consumed);
    }

    [Fact]
    public async Task A_crash_after_the_act_key_was_issued_revokes_it_and_the_retry_activates()
    {
        using var device = await RawDevice.RegisteredAsync(_http, _token);
        await device.BeginAsync();
        await device.RequestActKeyAsync();
        var undelivered = device.ActId;

        await CrashAndRestartAsync();

        await (await device.ConfirmRawAsync(device.ConfirmRequest())).ShouldBeProblemAsync(404, ProblemCodes.UnknownSession);
        await device.ActivateAsync();
        var old = await Reader.GetKeyAsync(undelivered);
        old.Status.Should().Be(KeyStatus.Revoked);
        old.Reason.Should().Be(RevocationReason.Undelivered);
        (await Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Active);
    }

    [Fact]
    public async Task A_crash_after_activation_keeps_the_device_active_and_its_pre_key_refused()
    {
        using var device = await RawDevice.RegisteredAsync(_http, _token);
        await device.ActivateAsync();

        await CrashAndRestartAsync();

        await (await device.BeginRawAsync()).ShouldBeProblemAsync(409, ProblemCodes.PreKeyConsumed);
        (await Reader.GetKeyAsync(device.ActId)).Status.Should().Be(KeyStatus.Active);
    }

    private async Task CrashAndRestartAsync()
    {
        await _silo.KillAsync();
        await _silo.StartAsync();
    }
}
