namespace Kusabi.Silo.Hosting;

/// <summary>Top-level settings of a silo (section "Kusabi").</summary>
public sealed class KusabiOptions
{
    public const string Section = "Kusabi";

    /// <summary>"embedded" (one process, in-memory cluster state, anvil started here) or "durable" (Redis).</summary>
    public string Profile { get; set; } = "embedded";

    /// <summary>Where the embedded chain keeps its state and recorded contract address.</summary>
    public string DataDirectory { get; set; } = ".kusabi";

    /// <summary>Silo-to-silo port on loopback (embedded profile).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port (embedded profile).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>SHA-256 (hex) of each accepted factory bearer token.</summary>
    public List<string> FactoryTokenHashes { get; set; } = [];

    /// <summary>Block period of the embedded anvil node, in seconds.</summary>
    public double EmbeddedBlockTimeSeconds { get; set; } = 1;
}
