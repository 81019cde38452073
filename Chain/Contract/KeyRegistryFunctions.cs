using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Kusabi.Chain.Contract;

[Function("registerKeys")]
public sealed class RegisterKeysFunction : FunctionMessage
{
    [Parameter("tuple[]", "keys", 1)] public List<KeyInputStruct> Keys { get; set; } = [];
}

[Function("consumeKeys")]
public sealed class ConsumeKeysFunction : FunctionMessage
{
    [Parameter("bytes32[]", "preIds", 1)] public List<byte[]> PreIds { get; set; } = [];
}

[Function("revokeKeys")]
public sealed class RevokeKeysFunction : FunctionMessage
{
    [Parameter("tuple[]", "revocations", 1)] public List<RevocationStruct> Revocations { get; set; } = [];
}

[Function("applyBatch")]
public sealed class ApplyBatchFunction : FunctionMessage
{
    [Parameter("tuple[]", "keys", 1)] public List<KeyInputStruct> Keys { get; set; } = [];
    [Parameter("bytes32[]", "preIds", 2)] public List<byte[]> PreIds { get; set; } = [];
    [Parameter("tuple[]", "revocations", 3)] public List<RevocationStruct> Revocations { get; set; } = [];
}

[Function("anchorRelease")]
public sealed class AnchorReleaseFunction : FunctionMessage
{
    [Parameter("bytes32", "product", 1)] public byte[] Product { get; set; } = [];
    [Parameter("uint64", "version", 2)] public ulong Version { get; set; }
    [Parameter("bytes32", "manifestHash", 3)] public byte[] ManifestHash { get; set; } = [];
    [Parameter("bytes32", "artKeyId", 4)] public byte[] ArtKeyId { get; set; } = [];
}

[Function("addMember")]
public sealed class AddMemberFunction : FunctionMessage
{
    [Parameter("address", "member", 1)] public string Member { get; set; } = "";
}

[Function("removeMember")]
public sealed class RemoveMemberFunction : FunctionMessage
{
    [Parameter("address", "member", 1)] public string Member { get; set; } = "";
}

[Function("transferAdmin")]
public sealed class TransferAdminFunction : FunctionMessage
{
    [Parameter("address", "newAdmin", 1)] public string NewAdmin { get; set; } = "";
}

[Function("getKey", typeof(GetKeyOutput))]
public sealed class GetKeyFunction : FunctionMessage
{
    [Parameter("bytes32", "id", 1)] public byte[] Id { get; set; } = [];
}

[Function("latestRelease", typeof(LatestReleaseOutput))]
public sealed class LatestReleaseFunction : FunctionMessage
{
    [Parameter("bytes32", "product", 1)] public byte[] Product { get; set; } = [];
}

[Function("isMember", "bool")]
public sealed class IsMemberFunction : FunctionMessage
{
    [Parameter("address", "", 1)] public string Account { get; set; } = "";
}

[Function("admin", "address")]
public sealed class AdminFunction : FunctionMessage;
