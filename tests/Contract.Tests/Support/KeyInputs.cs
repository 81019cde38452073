using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;

namespace Kusabi.Contract.Tests.Support;

/// <summary>Conversions from the domain types to the contract's ABI structs, and the records they should produce.</summary>
public static class KeyInputs
{
    public static KeyInputStruct From(KeyRegistration key) => new()
    {
        Id = key.Id.ToArray(),
        Purpose = (byte)key.Purpose,
        Algorithm = (byte)key.Algorithm,
        PublicKey = key.PublicKey,
        DeviceRef = key.Device?.ToArray() ?? new byte[32],
    };

    public static List<KeyInputStruct> From(IEnumerable<KeyRegistration> keys) => keys.Select(From).ToList();

    public static RevocationStruct Revocation(KusabiId id, RevocationReason reason) => new() { Id = id.ToArray(), Reason = (byte)reason };

    /// <summary>What getKey must return for a key that was registered and has not changed since.</summary>
    public static KeyRecord ActiveRecord(KeyRegistration key, string registrar, long registeredBlock) =>
        new(key.Id, key.Purpose, key.Algorithm, key.PublicKey, key.Device, registrar, KeyStatus.Active,
            RevocationReason.Unspecified, registeredBlock, 0);

    /// <summary>A mix of every purpose: pre and act keys share devices, art keys have none.</summary>
    public static List<KeyRegistration> Mixed(int count)
    {
        var keys = new List<KeyRegistration>(count);
        for (var i = 0; i < count; i++)
        {
            keys.Add((i % 3) switch
            {
                0 => Kusabi.TestSupport.TestKeys.Pre(),
                1 => Kusabi.TestSupport.TestKeys.Act(DeviceRef.CreateRandom()),
                _ => Kusabi.TestSupport.TestKeys.Art(),
            });
        }
        return keys;
    }
}
