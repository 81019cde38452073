using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;
using Nethereum.RPC.Eth.DTOs;

namespace Kusabi.Chain.Gateway;

/// <summary>
/// Reads the registry. Nothing is cached: a key's status can change at any block, and an eth_call
/// is cheap, so a revoked or consumed key is never reported as active.
/// </summary>
public sealed class RegistryReader(ChainConnection connection)
{
    public async Task<KeyRecord> GetKeyAsync(KusabiId id, CancellationToken cancellationToken = default)
    {
        var output = await Query<GetKeyFunction, GetKeyOutput>(new GetKeyFunction { Id = id.ToArray() }, cancellationToken);
        var r = output.Record;
        var device = r.DeviceRef.Any(b => b != 0) ? new DeviceRef(r.DeviceRef) : (DeviceRef?)null;
        return new KeyRecord(id, (KeyPurpose)r.Purpose, (KeyAlgorithm)r.Algorithm, r.PublicKey, device, r.Registrar,
            (KeyStatus)r.Status, (RevocationReason)r.Reason, (long)r.RegisteredBlock, (long)r.StatusBlock);
    }

    /// <summary>The key if it exists, is active and has the expected purpose; otherwise a typed exception.</summary>
    public async Task<KeyRecord> GetActiveKeyAsync(KusabiId id, KeyPurpose purpose, CancellationToken cancellationToken = default)
    {
        var key = await GetKeyAsync(id, cancellationToken);
        if (key.Purpose != purpose) throw new WrongPurposeException(id, key.Purpose, purpose);
        if (key.Status != KeyStatus.Active) throw new InvalidTransitionException(id, key.Status, KeyStatus.Active);
        return key;
    }

    public async Task<ReleaseStruct> GetLatestReleaseAsync(byte[] product, CancellationToken cancellationToken = default) =>
        (await Query<LatestReleaseFunction, LatestReleaseOutput>(new LatestReleaseFunction { Product = product }, cancellationToken)).Release;

    public async Task<bool> IsMemberAsync(string account, CancellationToken cancellationToken = default) =>
        (await Query<IsMemberFunction, BoolOutput>(new IsMemberFunction { Account = account }, cancellationToken)).Value;

    public async Task<string> GetAdminAsync(CancellationToken cancellationToken = default) =>
        (await Query<AdminFunction, AddressOutput>(new AdminFunction(), cancellationToken)).Value;

    public async Task<long> GetBlockNumberAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return (long)(await connection.Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
    }

    private async Task<TOut> Query<TFunction, TOut>(TFunction function, CancellationToken cancellationToken)
        where TFunction : Nethereum.Contracts.FunctionMessage, new()
        where TOut : Nethereum.ABI.FunctionEncoding.Attributes.IFunctionOutputDTO, new()
    {
        cancellationToken.ThrowIfCancellationRequested();
        var handler = connection.Web3.Eth.GetContractQueryHandler<TFunction>();
        try
        {
            return await RpcRetry.RunAsync(
                () => handler.QueryDeserializingToObjectAsync<TOut>(function, connection.ContractAddress, BlockParameter.CreateLatest()),
                cancellationToken);
        }
        catch (Exception e) when (RegistryErrorDecoder.TryDecode(e) is { } typed)
        {
            throw typed;
        }
    }
}
