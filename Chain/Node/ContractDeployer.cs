using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Model;
using Nethereum.Hex.HexTypes;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Kusabi.Chain.Node;

/// <summary>Deploys the registry; the deploying account becomes its admin and first member.</summary>
public static class ContractDeployer
{
    public static async Task<string> DeployAsync(string rpcUrl, long chainId, string adminPrivateKey, CancellationToken cancellationToken = default)
    {
        var web3 = new Web3(new Account(adminPrivateKey, chainId), rpcUrl);
        web3.TransactionManager.UseLegacyAsDefault = true;
        var from = web3.TransactionManager.Account.Address;
        var gas = await web3.Eth.DeployContract.EstimateGasAsync(KeyRegistryArtifacts.Abi, KeyRegistryArtifacts.Bytecode, from);
        var hash = await web3.Eth.DeployContract.SendRequestAsync(KeyRegistryArtifacts.Bytecode, from, new HexBigInteger(gas.Value * 6 / 5));
        var receipt = await DirectTransactions.WaitForReceiptAsync(web3, hash, TimeProvider.System, cancellationToken);
        if (receipt.Status?.Value != 1 || string.IsNullOrEmpty(receipt.ContractAddress))
            throw new ChainRejectedException($"Deploying the registry failed in transaction {hash}.");
        return receipt.ContractAddress;
    }

    /// <summary>True when <paramref name="address"/> holds contract code on the node.</summary>
    public static async Task<bool> HasCodeAsync(string rpcUrl, string address)
    {
        var code = await new Web3(rpcUrl).Eth.GetCode.SendRequestAsync(address);
        return code is { Length: > 2 } && code != "0x";
    }
}
