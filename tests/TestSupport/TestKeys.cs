using System.Security.Cryptography;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;

namespace Kusabi.TestSupport;

/// <summary>Registrations with random public keys, as a factory would make them.</summary>
public static class TestKeys
{
    public static KeyRegistration Pre(DeviceRef? device = null) => Make(KeyPurpose.Pre, KeyAlgorithm.X25519, device ?? DeviceRef.CreateRandom());

    public static KeyRegistration Act(DeviceRef device) => Make(KeyPurpose.Act, KeyAlgorithm.Ed25519, device);

    public static KeyRegistration Art() => Make(KeyPurpose.Art, KeyAlgorithm.Ed25519, null);

    private static KeyRegistration Make(KeyPurpose purpose, KeyAlgorithm algorithm, DeviceRef? device)
    {
        var publicKey = RandomNumberGenerator.GetBytes(32);
        return new KeyRegistration(KusabiId.Create(purpose, publicKey), purpose, algorithm, publicKey, device);
    }
}
