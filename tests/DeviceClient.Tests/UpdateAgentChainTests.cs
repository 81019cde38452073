using Kusabi.Chain.Model;
using Kusabi.DeviceClient.Device;
using Kusabi.DeviceClient.Tests.Support;
using Kusabi.Operator;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Tests;

/// <summary>The agent's own poll interval, and its reading of the registry instead of the server's relay.</summary>
public sealed class UpdateAgentChainTests
{
    private readonly FakeUpdateServer _server = new();
    private readonly ArtKey _artKey = ArtKey.Generate();
    private readonly byte[] _artifact = TestDevices.Artifact();
    private readonly DeviceBundle _bundle;
    private readonly InstantTimeProvider _time = new();
    private readonly FakeChain _chain = new();
    private readonly SimulatedFirmware _firmware = SimulatedFirmware.InMemory(TestDevices.Product, TestDevices.Hardware);

    public UpdateAgentChainTests()
    {
        var (bundle, actPublicKey) = TestDevices.Activated();
        _bundle = bundle;
        _server.AddDevice(bundle, actPublicKey);
    }

    [Fact]
    public async Task The_devices_own_poll_interval_replaces_the_servers_suggestion()
    {
        _server.PollAfterSeconds = 5;

        var run = await Agent(new UpdateAgentOptions { Time = _time, PollInterval = TimeSpan.FromSeconds(90) }).RunAsync(3, CancellationToken.None);

        run.Waits.Should().Equal(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task With_the_chain_a_release_the_relay_calls_newest_but_the_chain_does_not_is_refused()
    {
        var assignment = TestDevices.Assignment(_artKey, _artifact, version: 2);
        _server.Assign(_bundle, assignment, _artifact);
        _chain.ArtKey = assignment.ArtKey;
        _chain.Anchor = new ReleaseAnchor(3, new string('c', 64));

        var run = await Agent(ChainOptions()).RunAsync(1, CancellationToken.None);

        run.Attempts.Single().Code.Should().Be(UpdateRefusals.AnchorMismatch);
        _firmware.Installs.Should().Be(0);
    }

    [Fact]
    public async Task With_the_chain_a_revoked_art_key_is_refused_whatever_the_relay_says()
    {
        var assignment = TestDevices.Assignment(_artKey, _artifact);
        _server.Assign(_bundle, assignment, _artifact);
        _chain.ArtKey = assignment.ArtKey with { Status = "Revoked" };
        _chain.Anchor = assignment.Anchor;

        var run = await Agent(ChainOptions()).RunAsync(1, CancellationToken.None);

        run.Attempts.Single().Code.Should().Be(UpdateRefusals.ArtKeyStatus);
    }

    [Fact]
    public async Task With_the_chain_an_art_key_the_chain_does_not_know_is_refused()
    {
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, _artifact), _artifact);

        var run = await Agent(ChainOptions()).RunAsync(1, CancellationToken.None);

        run.Attempts.Single().Code.Should().Be(UpdateRefusals.ArtKeyInvalid);
    }

    [Fact]
    public async Task With_the_chain_agreeing_with_the_relay_the_release_is_installed()
    {
        var assignment = TestDevices.Assignment(_artKey, _artifact);
        _server.Assign(_bundle, assignment, _artifact);
        (_chain.ArtKey, _chain.Anchor) = (assignment.ArtKey, assignment.Anchor);

        var run = await Agent(ChainOptions()).RunAsync(1, CancellationToken.None);

        run.UpdatedAndCompliant.Should().BeTrue();
    }

    [Fact]
    public async Task An_unreachable_chain_node_interrupts_the_attempt_without_reporting_it_failed()
    {
        _server.Assign(_bundle, TestDevices.Assignment(_artKey, _artifact), _artifact);
        _chain.Unreachable = true;

        var run = await Agent(ChainOptions()).RunAsync(1, CancellationToken.None);

        run.Attempts.Single().Should().Match<UpdateAttempt>(a => a.Outcome == UpdateOutcome.Interrupted && a.Code == "chain-unreachable");
        _server.Reports.Select(r => r.Report.State).Should().NotContain(UpdateStates.Failed);
    }

    private UpdateAgentOptions ChainOptions() => new() { Time = _time, StopAfterUpdate = true, Chain = _chain };

    private UpdateAgent Agent(UpdateAgentOptions options) =>
        new(new DeviceApiClient(new KusabiApiClient(new HttpClient(_server), Api.Server, new KusabiApiOptions { Retry = Api.FastRetry }), _bundle), _firmware, options);

    private sealed class FakeChain : IReleaseChain
    {
        public ArtKeyStatus? ArtKey { get; set; }

        public ReleaseAnchor Anchor { get; set; } = new(0, new string('0', 64));

        public bool Unreachable { get; set; }

        public Task<ArtKeyStatus> GetArtKeyAsync(KusabiId artId, CancellationToken cancellationToken) =>
            Unreachable ? throw new ChainUnavailableException("connection refused")
            : ArtKey is { } key && key.Id == artId.ToString() ? Task.FromResult(key) : throw new UnknownKeyException(artId);

        public Task<ReleaseAnchor> GetLatestReleaseAsync(string product, CancellationToken cancellationToken) => Task.FromResult(Anchor);
    }
}
