using System.Text.Json.Serialization;

namespace Kusabi.Operator;

// Operator endpoints' JSON (camelCase on the wire; binary as base64url, ids as hex).

/// <summary>POST /v1/operator/art-keys: the public half only.</summary>
public sealed record ArtKeyRegistrationRequest(string Id, string PublicKey);

/// <summary>Where the art key landed on chain.</summary>
public sealed record ArtKeyRegistered(string Id, long Block, string Transaction);

/// <summary>POST /v1/operator/releases answer: the release anchored on chain.</summary>
public sealed record ReleasePublished(string Product, ulong Version, string ManifestHash, long Block, string Transaction);

/// <summary>POST /v1/operator/deployments: a forced OTA to every device of the product or to a list.</summary>
public sealed record DeploymentRequest(
    string Product,
    ulong Version,
    string? Target,
    IReadOnlyList<string>? Devices,
    int? WaveSize,
    int? WavePercent,
    int FailureThresholdPercent)
{
    public const string TargetAll = "all";
}

/// <summary>Devices of a deployment per state.</summary>
public sealed record DeploymentCounts(int Pending, int Assigned, int Downloading, int Installed, int Failed, int Mismatched)
{
    public int Total => Pending + Assigned + Downloading + Installed + Failed + Mismatched;

    /// <summary>Devices whose update is over, one way or the other.</summary>
    public int Finished => Installed + Failed + Mismatched;
}

/// <summary>A deployment's progress (GET /v1/operator/deployments/{id}, and the answers of create and halt).</summary>
public sealed record DeploymentStatus(
    string Id,
    string? Product = null,
    ulong Version = 0,
    [property: JsonConverter(typeof(DeploymentStateConverter))] string? State = null,
    int Waves = 0,
    int CurrentWave = 0,
    DeploymentCounts? Counts = null)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Halted = "halted";

    public bool IsOver => State is Completed or Halted;
}
