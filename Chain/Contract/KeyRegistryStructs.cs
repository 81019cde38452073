using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Kusabi.Chain.Contract;

[Struct("KeyInput")]
public sealed class KeyInputStruct
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
    [Parameter("uint8", "purpose", 2)] public byte Purpose { get; set; }
    [Parameter("uint8", "algorithm", 3)] public byte Algorithm { get; set; }
    [Parameter("bytes32", "publicKey", 4)] public byte[] PublicKey { get; set; } = [];
    [Parameter("bytes32", "deviceRef", 5)] public byte[] DeviceRef { get; set; } = new byte[32];
}

[Struct("Revocation")]
public sealed class RevocationStruct
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
    [Parameter("uint8", "reason", 2)] public byte Reason { get; set; }
}

[Struct("KeyRecord")]
public sealed class KeyRecordStruct
{
    [Parameter("bytes32", "publicKey", 1)] public byte[] PublicKey { get; set; } = [];
    [Parameter("bytes32", "deviceRef", 2)] public byte[] DeviceRef { get; set; } = [];
    [Parameter("address", "registrar", 3)] public string Registrar { get; set; } = "";
    [Parameter("uint8", "purpose", 4)] public byte Purpose { get; set; }
    [Parameter("uint8", "algorithm", 5)] public byte Algorithm { get; set; }
    [Parameter("uint8", "status", 6)] public byte Status { get; set; }
    [Parameter("uint8", "reason", 7)] public byte Reason { get; set; }
    [Parameter("uint64", "registeredBlock", 8)] public ulong RegisteredBlock { get; set; }
    [Parameter("uint64", "statusBlock", 9)] public ulong StatusBlock { get; set; }
}

[Struct("Release")]
public sealed class ReleaseStruct
{
    [Parameter("uint64", "version", 1)] public ulong Version { get; set; }
    [Parameter("bytes32", "manifestHash", 2)] public byte[] ManifestHash { get; set; } = [];
    [Parameter("bytes32", "artKeyId", 3)] public byte[] ArtKeyId { get; set; } = [];
    [Parameter("uint64", "anchoredBlock", 4)] public ulong AnchoredBlock { get; set; }
}

[FunctionOutput]
public sealed class GetKeyOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public KeyRecordStruct Record { get; set; } = new();
}

[FunctionOutput]
public sealed class LatestReleaseOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public ReleaseStruct Release { get; set; } = new();
}

[FunctionOutput]
public sealed class AddressOutput : IFunctionOutputDTO
{
    [Parameter("address", "", 1)] public string Value { get; set; } = "";
}

[FunctionOutput]
public sealed class BoolOutput : IFunctionOutputDTO
{
    [Parameter("bool", "", 1)] public bool Value { get; set; }
}

