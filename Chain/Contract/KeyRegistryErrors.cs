using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Kusabi.Chain.Contract;

[Error("NotAdmin")]
public sealed class NotAdminError : IErrorDTO
{
    [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
}

[Error("NotMember")]
public sealed class NotMemberError : IErrorDTO
{
    [Parameter("address", "caller", 1)] public string Caller { get; set; } = "";
}

[Error("ZeroAddress")]
public sealed class ZeroAddressError : IErrorDTO;

[Error("InvalidKey")]
public sealed class InvalidKeyError : IErrorDTO
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
}

[Error("KeyConflict")]
public sealed class KeyConflictError : IErrorDTO
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
}

[Error("UnknownKey")]
public sealed class UnknownKeyError : IErrorDTO
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
}

[Error("InvalidTransition")]
public sealed class InvalidTransitionError : IErrorDTO
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
    [Parameter("uint8", "current", 2)] public byte Current { get; set; }
    [Parameter("uint8", "requested", 3)] public byte Requested { get; set; }
}

[Error("WrongPurpose")]
public sealed class WrongPurposeError : IErrorDTO
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
    [Parameter("uint8", "actual", 2)] public byte Actual { get; set; }
    [Parameter("uint8", "expected", 3)] public byte Expected { get; set; }
}

[Error("VersionNotIncreasing")]
public sealed class VersionNotIncreasingError : IErrorDTO
{
    [Parameter("bytes32", "product", 1)] public byte[] Product { get; set; } = [];
    [Parameter("uint64", "latest", 2)] public ulong Latest { get; set; }
    [Parameter("uint64", "offered", 3)] public ulong Offered { get; set; }
}
