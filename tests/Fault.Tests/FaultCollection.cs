namespace Kusabi.Fault.Tests;

/// <summary>
/// The fault tests each run a whole cluster (chain node, Redis, three silo processes) under load:
/// they run one at a time and never beside another test collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
