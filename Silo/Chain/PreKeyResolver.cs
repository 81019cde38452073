using Kusabi.Chain.Model;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Endpoints;

namespace Kusabi.Silo.Chain;

/// <summary>
/// Finds the device a pre key belongs to. The key is read from the chain at every step, so a pre key
/// revoked in the middle of an activation stops it at the next step.
/// </summary>
public sealed class PreKeyResolver(ChainRuntime chain)
{
    /// <summary>The pre key's record if it is a pre X25519 key that is active or consumed; else the problem to answer.</summary>
    public async Task<(KeyRecord? Key, IResult? Problem)> ReadAsync(KusabiId preId, CancellationToken cancellationToken)
    {
        KeyRecord key;
        try
        {
            key = await chain.Reader.GetKeyAsync(preId, cancellationToken);
        }
        catch (UnknownKeyException)
        {
            return (null, Problems.For(ProblemCodes.UnknownKey, $"No key {preId} is registered."));
        }
        catch (ChainException e)
        {
            return (null, Problems.For(ProblemCodes.ChainUnavailable, $"The registry could not be read: {e.Message}"));
        }
        if (key.Purpose != KeyPurpose.Pre || key.Algorithm != KeyAlgorithm.X25519 || key.Device is null)
            return (null, Problems.For(ProblemCodes.WrongKeyPurpose, $"Key {preId} is a {key.Purpose} key, not a pre key."));
        if (key.Status == KeyStatus.Revoked)
            return (null, Problems.For(ProblemCodes.KeyRevoked, $"Key {preId} was revoked."));
        return (key, null);
    }

    /// <summary>The device of a pre key that is still usable, or the problem to answer.</summary>
    public async Task<(DeviceRef? Device, IResult? Problem)> DeviceOfAsync(KusabiId preId, CancellationToken cancellationToken)
    {
        var (key, problem) = await ReadAsync(preId, cancellationToken);
        return (key?.Device, problem);
    }
}
