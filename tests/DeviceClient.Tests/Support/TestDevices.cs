using Kusabi.DeviceClient.Device;
using Kusabi.Operator;
using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;
using Kusabi.Protocol.Updates;

namespace Kusabi.DeviceClient.Tests.Support;

/// <summary>Activated devices and signed releases for update tests.</summary>
public static class TestDevices
{
    public const string Product = "thermostat";
    public const string Hardware = "board-a";

    /// <summary>An activated bundle and its act public key.</summary>
    public static (DeviceBundle Bundle, byte[] ActPublicKey) Activated(Uri? server = null)
    {
        using var act = Ed25519KeyPair.Generate();
        var actId = KusabiId.Create(KeyPurpose.Act, act.PublicKey);
        var bundle = DeviceManufacturer.Make(server ?? Api.Server).Bundle.WithActKey(actId, act.ExportPrivateSeed());
        return (bundle, act.PublicKey.ToArray());
    }

    public static byte[] Artifact(int size = 10_000, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An assignment for a correctly signed release, as an honest server would relay it.</summary>
    public static UpdateAssignment Assignment(ArtKey artKey, byte[] artifact, ulong version = 2, string product = Product, string hardware = Hardware, string deploymentId = "dep-1")
    {
        var digest = ArtifactDigest.Of(artifact);
        var release = ReleaseBuilder.Sign(artKey, product, hardware, version, digest);
        return Relay(release, artKey, deploymentId);
    }

    /// <summary>The assignment an honest server builds for <paramref name="release"/>: the art key as on chain, anchored as the newest.</summary>
    public static UpdateAssignment Relay(SignedRelease release, ArtKey artKey, string deploymentId = "dep-1")
    {
        var (manifest, bytes, _) = ReleaseSigning.Open(release);
        return new UpdateAssignment(deploymentId, release, $"/v1/device/artifacts/{manifest.ArtifactSha256}",
            new ArtKeyStatus(artKey.Id.ToString(), Base64Url.Encode(artKey.PublicKey), "Art", "Active"),
            new ReleaseAnchor(manifest.Version, Hex.Encode(ReleaseSigning.ManifestHash(bytes))));
    }
}
