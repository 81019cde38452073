namespace Kusabi.Chain.Contract;

/// <summary>The compiled contract (contracts/build), embedded so deployment needs no compiler at run time.</summary>
public static class KeyRegistryArtifacts
{
    public static string Abi { get; } = Read("KeyRegistry.abi.json");
    public static string Bytecode { get; } = "0x" + Read("KeyRegistry.bin").Trim();

    private static string Read(string name)
    {
        using var stream = typeof(KeyRegistryArtifacts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing; run `npm run compile-contracts`.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
