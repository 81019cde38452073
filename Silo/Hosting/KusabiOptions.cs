namespace Kusabi.Silo.Hosting;

/// <summary>Top-level settings of a silo (section "Kusabi").</summary>
public sealed class KusabiOptions
{
    public const string Section = "Kusabi";

    /// <summary>"embedded" (one process, in-memory cluster state, anvil started here) or "durable" (Redis).</summary>
    public string Profile { get; set; } = "embedded";

    /// <summary>Where the embedded chain keeps its state and recorded contract address.</summary>
    public string DataDirectory { get; set; } = ".kusabi";

    /// <summary>
    /// Where the durable profile runs: "local" (endpoints from the settings below) or "kubernetes"
    /// (Orleans' Kubernetes hosting: silo name, address and identity from POD_NAME, POD_IP,
    /// ORLEANS_CLUSTER_ID and ORLEANS_SERVICE_ID; listens on every pod address).
    /// </summary>
    public string Hosting { get; set; } = "local";

    /// <summary>Redis connection string of the durable profile, e.g. "127.0.0.1:6379".</summary>
    public string? Redis { get; set; }

    /// <summary>Durable profile: the cluster (membership) identity; change it to start a fresh membership table.</summary>
    public string ClusterId { get; set; } = "kusabi";

    /// <summary>Durable profile: the service identity grain state is stored under.</summary>
    public string ServiceId { get; set; } = "kusabi";

    /// <summary>The address other silos and clients reach this silo at.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>SHA-256 (hex) of each accepted factory bearer token (shorthand for factory credentials).</summary>
    public List<string> FactoryTokenHashes { get; set; } = [];

    /// <summary>Hashed bearer tokens with their roles.</summary>
    public List<Security.CredentialSetting> Credentials { get; set; } = [];

    /// <summary>Largest firmware artifact accepted.</summary>
    public long MaxArtifactBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Block period of the embedded anvil node, in seconds.</summary>
    public double EmbeddedBlockTimeSeconds { get; set; } = 1;
}
