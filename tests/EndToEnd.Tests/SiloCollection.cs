namespace Kusabi.EndToEnd.Tests;

/// <summary>One silo and chain shared by the end-to-end test classes (each test uses its own devices).</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
