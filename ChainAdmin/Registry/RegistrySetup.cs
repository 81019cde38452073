using Kusabi.Chain.Contract;
using Kusabi.Chain.Gateway;
using Kusabi.Chain.Node;
using Nethereum.Signer;
using Nethereum.Util;
using Nethereum.Web3;

namespace Kusabi.ChainAdmin.Registry;

/// <summary>What <see cref="RegistrySetup.EnsureAsync"/> found or changed.</summary>
public sealed record RegistryOutcome(string Contract, string Admin, bool Deployed, IReadOnlyList<string> MembersAdded, IReadOnlyList<string> Members);

/// <summary>
/// Makes sure the registry exists and every consortium member is admitted, changing only what is
/// missing, so the same call can run on every start of a deployment.
/// </summary>
public static class RegistrySetup
{
    public static async Task<RegistryOutcome> EnsureAsync(string rpcUrl, long chainId, string adminPrivateKey, IReadOnlyList<string> members,
        string? existingContract = null, CancellationToken cancellationToken = default)
    {
        var admin = new EthECKey(adminPrivateKey).GetPublicAddress();
        var contract = existingContract;
        var deployed = false;
        if (contract is null)
        {
            // The admin's first transaction deploys the registry, so its address is known beforehand.
            var predicted = new AddressUtil().ConvertToChecksumAddress(ContractUtils.CalculateContractAddress(admin, 0));
            if (await ContractDeployer.HasCodeAsync(rpcUrl, predicted))
            {
                contract = predicted;
            }
            else
            {
                var nonce = await new Web3(rpcUrl).Eth.Transactions.GetTransactionCount.SendRequestAsync(admin);
                if (nonce.Value != 0)
                    throw new InvalidOperationException($"No registry at {predicted} and the admin {admin} has already sent transactions: name the registry with --contract.");
                contract = await ContractDeployer.DeployAsync(rpcUrl, chainId, adminPrivateKey, cancellationToken);
                deployed = true;
            }
        }
        else if (!await ContractDeployer.HasCodeAsync(rpcUrl, contract))
        {
            throw new InvalidOperationException($"No contract code at {contract}.");
        }

        using var connection = new ChainConnection(new ChainOptions
        {
            RpcUrl = rpcUrl,
            ChainId = chainId,
            ContractAddress = contract,
            SignerPrivateKey = adminPrivateKey,
        });
        var reader = new RegistryReader(connection);
        var transactions = new DirectTransactions(connection);
        var added = new List<string>();
        foreach (var member in members)
        {
            if (await reader.IsMemberAsync(member, cancellationToken)) continue;
            await transactions.SendAsync(new AddMemberFunction { Member = member }, cancellationToken);
            added.Add(member);
        }
        return new RegistryOutcome(contract, admin, deployed, added, members);
    }

    /// <summary>Waits until the node answers JSON-RPC (a validator may still be starting).</summary>
    public static async Task WaitForNodeAsync(string rpcUrl, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var web3 = new Web3(rpcUrl);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                await web3.Eth.ChainId.SendRequestAsync();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}
