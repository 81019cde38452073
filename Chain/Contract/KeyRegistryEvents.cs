using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Kusabi.Chain.Contract;

[Event("KeyRegistered")]
public sealed class KeyRegisteredEvent : IEventDTO
{
    [Parameter("bytes32", "id", 1, true)] public byte[] Id { get; set; } = [];
    [Parameter("bytes32", "deviceRef", 2, true)] public byte[] DeviceRef { get; set; } = [];
    [Parameter("uint8", "purpose", 3, false)] public byte Purpose { get; set; }
    [Parameter("uint8", "algorithm", 4, false)] public byte Algorithm { get; set; }
    [Parameter("bytes32", "publicKey", 5, false)] public byte[] PublicKey { get; set; } = [];
    [Parameter("address", "registrar", 6, false)] public string Registrar { get; set; } = "";
}

[Event("KeyStatusChanged")]
public sealed class KeyStatusChangedEvent : IEventDTO
{
    [Parameter("bytes32", "id", 1, true)] public byte[] Id { get; set; } = [];
    [Parameter("uint8", "from", 2, false)] public byte From { get; set; }
    [Parameter("uint8", "to", 3, false)] public byte To { get; set; }
    [Parameter("uint8", "reason", 4, false)] public byte Reason { get; set; }
    [Parameter("address", "by", 5, false)] public string By { get; set; } = "";
}

[Event("MemberAdded")]
public sealed class MemberAddedEvent : IEventDTO
{
    [Parameter("address", "member", 1, true)] public string Member { get; set; } = "";
    [Parameter("address", "by", 2, true)] public string By { get; set; } = "";
}

[Event("MemberRemoved")]
public sealed class MemberRemovedEvent : IEventDTO
{
    [Parameter("address", "member", 1, true)] public string Member { get; set; } = "";
    [Parameter("address", "by", 2, true)] public string By { get; set; } = "";
}

[Event("AdminTransferred")]
public sealed class AdminTransferredEvent : IEventDTO
{
    [Parameter("address", "previousAdmin", 1, true)] public string PreviousAdmin { get; set; } = "";
    [Parameter("address", "newAdmin", 2, true)] public string NewAdmin { get; set; } = "";
}

[Event("ReleaseAnchored")]
public sealed class ReleaseAnchoredEvent : IEventDTO
{
    [Parameter("bytes32", "product", 1, true)] public byte[] Product { get; set; } = [];
    [Parameter("uint64", "version", 2, false)] public ulong Version { get; set; }
    [Parameter("bytes32", "manifestHash", 3, false)] public byte[] ManifestHash { get; set; } = [];
    [Parameter("bytes32", "artKeyId", 4, false)] public byte[] ArtKeyId { get; set; } = [];
    [Parameter("address", "by", 5, false)] public string By { get; set; } = "";
}
