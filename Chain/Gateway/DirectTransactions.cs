using Kusabi.Chain.Contract;
using Kusabi.Chain.Model;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Kusabi.Chain.Gateway;

/// <summary>
/// One function call, one transaction, wait for its receipt. For rare administrative changes
/// (membership, release anchors) and for tests; bulk key changes go through <see cref="ChainGateway"/>.
/// </summary>
public sealed class DirectTransactions(IWeb3 web3, string contractAddress, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public DirectTransactions(ChainConnection connection) : this(connection.Web3, connection.ContractAddress) { }

    public async Task<TransactionReceipt> SendAsync<TFunction>(TFunction function, CancellationToken cancellationToken = default)
        where TFunction : FunctionMessage, new()
    {
        string hash;
        try
        {
            // The handler estimates gas first, so a revert surfaces here with the contract's error data.
            hash = await web3.Eth.GetContractTransactionHandler<TFunction>().SendRequestAsync(contractAddress, function);
        }
        catch (Exception e) when (RegistryErrorDecoder.TryDecode(e) is { } typed)
        {
            throw typed;
        }
        var receipt = await WaitForReceiptAsync(web3, hash, _time, cancellationToken);
        if (receipt.Status?.Value != 1) throw new ChainRejectedException($"Transaction {hash} reverted in block {receipt.BlockNumber.Value}.");
        return receipt;
    }

    public static async Task<TransactionReceipt> WaitForReceiptAsync(IWeb3 web3, string hash, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var receipt = await RpcRetry.RunAsync(() => web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash), cancellationToken);
            if (receipt is not null) return receipt;
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }
}
