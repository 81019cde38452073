namespace Kusabi.Protocol.Updates;

// Device-side update and inventory messages (docs/update.md). Every device request carries a
// Kusabi-Device Authorization header signed with the act key.

/// <summary>An art key as the chain holds it, relayed by the server.</summary>
public sealed record ArtKeyStatus(string Id, string PublicKey, string Purpose, string Status);

/// <summary>The newest release anchored on chain for a product.</summary>
public sealed record ReleaseAnchor(ulong Version, string ManifestHash);

/// <summary>An update the device should install.</summary>
public sealed record UpdateAssignment(string DeploymentId, SignedRelease Release, string ArtifactUrl, ArtKeyStatus ArtKey, ReleaseAnchor Anchor);

/// <summary>GET /v1/device/update: an assignment or none, and when to ask again.</summary>
public sealed record UpdatePollResponse(UpdateAssignment? Assignment, int PollAfterSeconds);

/// <summary>POST /v1/device/update/status.</summary>
public sealed record UpdateStatusReport(string DeploymentId, string State, string? Detail);

/// <summary>POST /v1/device/inventory/nonce answer.</summary>
public sealed record InventoryNonce(string Nonce, DateTimeOffset ExpiresAt);

/// <summary>POST /v1/device/inventory: the device's inventory over a server-issued nonce.</summary>
public sealed record InventoryReport(string Nonce, IReadOnlyDictionary<string, string> Inventory);

/// <summary>One difference between expected and reported inventory.</summary>
public sealed record InventoryDifference(string Item, string? Expected, string? Reported);

/// <summary>The server's verdict on an inventory.</summary>
public sealed record InventoryVerdict(bool Compliant, IReadOnlyList<InventoryDifference> Differences, bool Quarantined);

/// <summary>Update states a device reports.</summary>
public static class UpdateStates
{
    public const string Downloading = "downloading";
    public const string Installed = "installed";
    public const string Failed = "failed";

    public static bool IsKnown(string state) => state is Downloading or Installed or Failed;
}
