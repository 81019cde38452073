using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Device;

public sealed partial class UpdateAgent
{
    /// <summary>
    /// With <see cref="UpdateAgentOptions.Chain"/>, replaces the art key and anchor the server relayed
    /// by what the registry says now, so the verifier checks the chain's truth; without it, the
    /// assignment as relayed. A manifest that does not parse is left to the verifier to refuse.
    /// </summary>
    /// <exception cref="UpdateRefusedException">The manifest names an art key the chain does not know.</exception>
    private async Task<UpdateAssignment> WithChainViewAsync(UpdateAssignment assignment, CancellationToken cancellationToken)
    {
        if (_options.Chain is not { } chain || assignment.Release is null) return assignment;
        ReleaseManifest manifest;
        try
        {
            manifest = ReleaseSigning.Open(assignment.Release).Manifest;
        }
        catch (FormatException)
        {
            return assignment;
        }
        if (!KusabiId.TryParse(manifest.ArtId, out var artId)) return assignment;
        ArtKeyStatus artKey;
        try
        {
            artKey = await chain.GetArtKeyAsync(artId, cancellationToken);
        }
        catch (UnknownKeyException)
        {
            throw new UpdateRefusedException(UpdateRefusals.ArtKeyInvalid, $"art key {artId} is not registered on chain.");
        }
        var anchor = await chain.GetLatestReleaseAsync(manifest.Product, cancellationToken);
        if (assignment.ArtKey is not { } relayed || relayed.Status != artKey.Status || relayed.PublicKey != artKey.PublicKey)
            Emit("chain", $"the server relayed art key {artId} as '{assignment.ArtKey?.Status}'; the chain says '{artKey.Status}'");
        if (assignment.Anchor is not { } relayedAnchor || relayedAnchor.Version != anchor.Version
            || !string.Equals(relayedAnchor.ManifestHash, anchor.ManifestHash, StringComparison.OrdinalIgnoreCase))
            Emit("chain", $"the server relayed anchor v{assignment.Anchor?.Version}; the chain anchors v{anchor.Version} {anchor.ManifestHash}");
        return assignment with { ArtKey = artKey, Anchor = anchor };
    }
}
