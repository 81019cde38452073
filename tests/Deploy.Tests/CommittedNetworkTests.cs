namespace Kusabi.Deploy.Tests;

/// <summary>The development network committed in deploy/besu.</summary>
public sealed class CommittedNetworkTests : NetworkContractTests
{
    protected override NetworkFiles Files => NetworkFiles.Committed;
}
