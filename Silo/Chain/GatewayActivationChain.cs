using Kusabi.Chain.Model;
using Kusabi.Grains.Activation;
using Kusabi.Protocol.Identity;

namespace Kusabi.Silo.Chain;

/// <summary>Activation's registry writes, through this silo's batching gateway.</summary>
public sealed class GatewayActivationChain(ChainRuntime chain) : IActivationChain
{
    public Task<ChainWrite> RegisterActKeyAsync(string actId, byte[] publicKey, string deviceRef) =>
        Write(() => chain.Gateway.RegisterAsync(new KeyRegistration(
            KusabiId.Parse(actId), KeyPurpose.Act, KeyAlgorithm.Ed25519, publicKey, DeviceRef.Parse(deviceRef))));

    public Task<ChainWrite> ConsumePreKeyAsync(string preId) =>
        Write(() => chain.Gateway.ConsumeAsync(KusabiId.Parse(preId)));

    public Task<ChainWrite> RevokeUndeliveredAsync(string actId) =>
        Write(() => chain.Gateway.RevokeAsync(KusabiId.Parse(actId), RevocationReason.Undelivered));

    private static async Task<ChainWrite> Write(Func<Task<ChainReceipt>> write)
    {
        try
        {
            var receipt = await write();
            return new ChainWrite(ChainWriteResult.Done, receipt.TransactionHash, receipt.BlockNumber);
        }
        catch (InvalidTransitionException)
        {
            return new ChainWrite(ChainWriteResult.AlreadyDone);
        }
        catch (UnknownKeyException)
        {
            return new ChainWrite(ChainWriteResult.NotFound);
        }
        catch (ChainException e)
        {
            throw new ActivationChainException(e.Message, e);
        }
    }
}
