using Kusabi.Chain.Gateway;
using Kusabi.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kusabi.Chain.Tests;

/// <summary>A fresh registry and a gateway signing as its admin, per test.</summary>
public abstract class GatewayTestBase(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IAsyncLifetime
{
    protected AnvilFixture Anvil { get; } = anvil;
    protected ChainOptions Options { get; private set; } = null!;
    protected ChainConnection Connection { get; private set; } = null!;
    protected ChainGateway Gateway { get; private set; } = null!;
    protected RegistryReader Reader { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Options = await Anvil.DeployRegistryAsync();
        Connection = new ChainConnection(Options);
        Reader = new RegistryReader(Connection);
        Gateway = new ChainGateway(Connection, NullLogger<ChainGateway>.Instance);
    }

    public virtual async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Connection.Dispose();
    }
}
