using Kusabi.Protocol.Encoding;
using Kusabi.Protocol.Identity;

namespace Kusabi.DeviceClient.Device;

/// <summary>The public half of a device's pre key, as the factory registers it.</summary>
public sealed record PreKeyEntry(KusabiId Id, DeviceRef DeviceRef, byte[] PublicKey)
{
    public FactoryKeyDto ToWire() => new(Id.ToString(), DeviceRef.ToString(), Base64Url.Encode(PublicKey));
}

/// <summary>A key the registry confirmed.</summary>
public sealed record RegisteredPreKey(KusabiId Id, long Block, string Transaction);

/// <summary>One accepted request: the keys at <c>[Offset, Offset + Count)</c> of the caller's list.</summary>
public sealed record FactoryChunk(int Offset, int Count, IReadOnlyList<RegisteredPreKey> Registered);
