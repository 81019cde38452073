namespace Kusabi.DeviceClient.Device;

/// <summary>
/// The device will not install a release: <see cref="Code"/> names the check that failed (one of
/// <see cref="UpdateRefusals"/>), <see cref="Detail"/> says precisely what did not match.
/// </summary>
public sealed class UpdateRefusedException(string code, string detail) : Exception($"{code}: {detail}")
{
    public string Code { get; } = code;

    public string Detail { get; } = detail;
}

/// <summary>Why a device refuses a release; reported to the server as the failure detail's prefix.</summary>
public static class UpdateRefusals
{
    public const string ManifestInvalid = "manifest-invalid";
    public const string ArtKeyInvalid = "art-key-invalid";
    public const string ArtKeyPurpose = "art-key-purpose";
    public const string ArtKeyStatus = "art-key-status";
    public const string ArtKeyMismatch = "art-key-mismatch";
    public const string SignatureInvalid = "signature-invalid";
    public const string AnchorMismatch = "anchor-mismatch";
    public const string NotNewest = "not-newest";
    public const string ProductMismatch = "product-mismatch";
    public const string HardwareMismatch = "hardware-mismatch";
    public const string Downgrade = "downgrade";
    public const string ArtifactTooLarge = "artifact-too-large";
    public const string ArtifactUnavailable = "artifact-unavailable";
    public const string ArtifactOversized = "artifact-oversized";
    public const string ArtifactTruncated = "artifact-truncated";
    public const string ArtifactHashMismatch = "artifact-hash-mismatch";
    public const string BootCheck = "boot-check";
}
