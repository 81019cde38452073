using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

/// <summary>A release that passed every check that needs no artifact.</summary>
/// <param name="AlreadyInstalled">The device already runs exactly this release (an earlier "installed" report was lost).</param>
public sealed record VerifiedRelease(ReleaseManifest Manifest, byte[] ManifestBytes, string ManifestHash, bool AlreadyInstalled);

/// <summary>
/// The device's checks of an assignment before it downloads anything (docs/update.md): the manifest
/// parses; the art key the server relays from the chain is an active art key and the one the
/// manifest names; its signature verifies; the manifest is exactly the newest release anchored on
/// chain (no rollback to, or freeze at, an older signed release); it is for this product and
/// hardware; and it is newer than what runs (no downgrade).
/// </summary>
public static class ReleaseVerifier
{
    public const string ArtPurpose = "Art";
    public const string ActiveStatus = "Active";

    /// <exception cref="UpdateRefusedException">A check failed; the code and detail say which and why.</exception>
    public static VerifiedRelease Verify(UpdateAssignment assignment, FirmwareState running, long maxArtifactBytes)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(running);
        if (assignment.Release is null) throw Refuse(UpdateRefusals.ManifestInvalid, "the assignment carries no release.");
        ReleaseManifest manifest;
        byte[] bytes, signature;
        try
        {
            (manifest, bytes, signature) = ReleaseSigning.Open(assignment.Release);
        }
        catch (FormatException e)
        {
            throw Refuse(UpdateRefusals.ManifestInvalid, e.Message);
        }
        if (!Hex.TryDecode(manifest.ArtifactSha256, out _))
            throw Refuse(UpdateRefusals.ManifestInvalid, $"'artifactSha256' is not hexadecimal: '{manifest.ArtifactSha256}'.");

        var publicKey = CheckArtKey(assignment.ArtKey, manifest);
        if (!ReleaseSigning.Verify(publicKey, bytes, signature))
            throw Refuse(UpdateRefusals.SignatureInvalid, $"the manifest signature does not verify with art key {manifest.ArtId}.");

        var hash = Hex.Encode(ReleaseSigning.ManifestHash(bytes));
        var anchor = assignment.Anchor ?? throw Refuse(UpdateRefusals.AnchorMismatch, "the assignment carries no chain anchor.");
        if (!Hex.TryDecode(anchor.ManifestHash ?? "", out var anchored) || Hex.Encode(anchored) != hash)
            throw Refuse(UpdateRefusals.AnchorMismatch, $"the manifest hashes to {hash}, but the chain anchors {anchor.ManifestHash} for {manifest.Product}.");
        if (manifest.Version != anchor.Version)
            throw Refuse(UpdateRefusals.NotNewest, $"the release is version {manifest.Version}, but the newest anchored version of {manifest.Product} is {anchor.Version}.");

        if (manifest.Product != running.Product)
            throw Refuse(UpdateRefusals.ProductMismatch, $"the release is for product '{manifest.Product}'; this device is '{running.Product}'.");
        if (manifest.Hardware != running.Hardware)
            throw Refuse(UpdateRefusals.HardwareMismatch, $"the release is for hardware '{manifest.Hardware}'; this device is '{running.Hardware}'.");
        if (running.ManifestHash == hash && running.Version == manifest.Version)
            return new VerifiedRelease(manifest, bytes, hash, AlreadyInstalled: true);
        if (manifest.Version <= running.Version)
            throw Refuse(UpdateRefusals.Downgrade, $"the release is version {manifest.Version}; this device runs version {running.Version}, so it would not be an upgrade.");
        if (manifest.ArtifactSize > maxArtifactBytes)
            throw Refuse(UpdateRefusals.ArtifactTooLarge, $"the artifact is {manifest.ArtifactSize} bytes; this device stores at most {maxArtifactBytes}.");
        return new VerifiedRelease(manifest, bytes, hash, AlreadyInstalled: false);
    }

    private static byte[] CheckArtKey(ArtKeyStatus? key, ReleaseManifest manifest)
    {
        if (key is null) throw Refuse(UpdateRefusals.ArtKeyInvalid, "the assignment carries no art key.");
        if (!string.Equals(key.Purpose, ArtPurpose, StringComparison.OrdinalIgnoreCase))
            throw Refuse(UpdateRefusals.ArtKeyPurpose, $"key {key.Id} has purpose '{key.Purpose}' on chain, not '{ArtPurpose}'.");
        if (!string.Equals(key.Status, ActiveStatus, StringComparison.OrdinalIgnoreCase))
            throw Refuse(UpdateRefusals.ArtKeyStatus, $"art key {key.Id} is '{key.Status}' on chain, not '{ActiveStatus}'.");
        if (!KusabiId.TryParse(key.Id, out var keyId))
            throw Refuse(UpdateRefusals.ArtKeyInvalid, $"the relayed art key id '{key.Id}' is not a kusabi-ID.");
        if (!KusabiId.TryParse(manifest.ArtId, out var artId) || keyId != artId)
            throw Refuse(UpdateRefusals.ArtKeyMismatch, $"the manifest is signed by art key {manifest.ArtId}, but the server relayed {key.Id}.");
        if (!Base64Url.TryDecode(key.PublicKey ?? "", out var publicKey) || publicKey.Length != KusabiId.PublicKeySize)
            throw Refuse(UpdateRefusals.ArtKeyInvalid, $"art key {key.Id} has no 32-byte base64url public key.");
        return publicKey;
    }

    private static UpdateRefusedException Refuse(string code, string detail) => new(code, detail);
}
