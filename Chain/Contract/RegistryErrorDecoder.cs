using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;

namespace Kusabi.Chain.Contract;

/// <summary>Turns the registry's custom-error revert data into typed <see cref="ChainException"/>s.</summary>
public static class RegistryErrorDecoder
{
    /// <summary>Returns the revert data carried by an RPC error, or null when the error is not a revert.</summary>
    public static string? RevertData(Exception error) => error switch
    {
        SmartContractCustomErrorRevertException custom => custom.ExceptionEncodedData,
        RpcResponseException rpc => HexFrom(rpc.RpcError.Data),
        _ when error.InnerException is not null => RevertData(error.InnerException),
        _ => null,
    };

    /// <summary>Maps revert data to the contract's typed error, or <see cref="ContractRevertException"/>.</summary>
    public static ChainException Decode(string revertData)
    {
        var revert = new SmartContractCustomErrorRevertException(revertData);
        if (revert.IsCustomErrorFor<KeyConflictError>())
            return new KeyConflictException(Id(revert.DecodeError<KeyConflictError>().Id));
        if (revert.IsCustomErrorFor<UnknownKeyError>())
            return new UnknownKeyException(Id(revert.DecodeError<UnknownKeyError>().Id));
        if (revert.IsCustomErrorFor<InvalidKeyError>())
            return new InvalidKeyException(Id(revert.DecodeError<InvalidKeyError>().Id));
        if (revert.IsCustomErrorFor<InvalidTransitionError>())
        {
            var e = revert.DecodeError<InvalidTransitionError>();
            return new InvalidTransitionException(Id(e.Id), (KeyStatus)e.Current, (KeyStatus)e.Requested);
        }
        if (revert.IsCustomErrorFor<WrongPurposeError>())
        {
            var e = revert.DecodeError<WrongPurposeError>();
            return new WrongPurposeException(Id(e.Id), (KeyPurpose)e.Actual, (KeyPurpose)e.Expected);
        }
        if (revert.IsCustomErrorFor<VersionNotIncreasingError>())
        {
            var e = revert.DecodeError<VersionNotIncreasingError>();
            return new VersionNotIncreasingException(Convert.ToHexStringLower(e.Product), e.Latest, e.Offered);
        }
        if (revert.IsCustomErrorFor<NotMemberError>())
            return new NotMemberException(revert.DecodeError<NotMemberError>().Caller);
        if (revert.IsCustomErrorFor<NotAdminError>())
            return new NotAdminException(revert.DecodeError<NotAdminError>().Caller);
        if (revert.IsCustomErrorFor<ZeroAddressError>())
            return new ZeroAddressException();
        return new ContractRevertException(revertData);
    }

    /// <summary>The typed error for a failed call, or null when it was not a contract revert.</summary>
    public static ChainException? TryDecode(Exception error) => RevertData(error) switch
    {
        null => null,
        { Length: > 2 } data => Decode(data),
        // A revert without data (e.g. solc's own ABI decoding checks) is still a revert, and final.
        var data => new ContractRevertException(data),
    };

    private static KusabiId Id(byte[] bytes) => new(bytes);

    private static string? HexFrom(object? data) => data switch
    {
        string s when s.StartsWith("0x", StringComparison.Ordinal) => s,
        JValue { Value: string s } when s.StartsWith("0x", StringComparison.Ordinal) => s,
        JObject o => HexFrom(o["data"]),
        _ => null,
    };
}
