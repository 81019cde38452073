using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>A freshly made device: what the factory registers and what the device keeps.</summary>
public sealed record ManufacturedDevice(PreKeyEntry PreKey, DeviceBundle Bundle);

/// <summary>Makes devices as a factory line would: a fresh X25519 pre key, its kusabi-ID and a random device ref each.</summary>
public static class DeviceManufacturer
{
    public static ManufacturedDevice Make(Uri serverUrl, long? chainId = null, string? contractAddress = null)
    {
        using var preKey = X25519KeyPair.Generate();
        var publicKey = preKey.PublicKey.ToArray();
        var preId = KusabiId.Create(KeyPurpose.Pre, publicKey);
        var device = DeviceRef.CreateRandom();
        var privateKey = preKey.ExportPrivateKey();
        try
        {
            return new ManufacturedDevice(
                new PreKeyEntry(preId, device, publicKey),
                DeviceBundle.ForPreKey(device, serverUrl, preId, privateKey, chainId, contractAddress));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Key generation is CPU-bound and independent per device, so large batches use every core.</summary>
    public static ManufacturedDevice[] MakeMany(int count, Uri serverUrl, long? chainId = null, string? contractAddress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var devices = new ManufacturedDevice[count];
        Parallel.For(0, count, i => devices[i] = Make(serverUrl, chainId, contractAddress));
        return devices;
    }
}
