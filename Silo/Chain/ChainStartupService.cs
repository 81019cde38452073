namespace Kusabi.Silo.Chain;

/// <summary>
/// Brings the chain up before the Orleans silo starts (hosted services start in registration order),
/// so no grain ever sees an unresolved registry.
/// </summary>
public sealed class ChainStartupService(ChainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
