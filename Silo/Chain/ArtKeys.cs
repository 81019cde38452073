using Kusabi.Chain.Model;
using Kusabi.Protocol.Activation;
using Kusabi.Protocol.Identity;
using Kusabi.Silo.Endpoints;

namespace Kusabi.Silo.Chain;

/// <summary>Reads an art key and turns every reason it cannot sign into the matching problem.</summary>
public static class ArtKeys
{
    public static async Task<(KeyRecord? Key, IResult? Problem)> ReadActiveAsync(ChainRuntime chain, KusabiId id, CancellationToken cancellationToken)
    {
        try
        {
            var key = await chain.Reader.GetKeyAsync(id, cancellationToken);
            if (key.Purpose != KeyPurpose.Art || key.Algorithm != KeyAlgorithm.Ed25519)
                return (null, Problems.For(ProblemCodes.WrongKeyPurpose, $"Key {id} is a {key.Purpose} key, not an art key."));
            if (key.Status != KeyStatus.Active)
                return (null, Problems.For(ProblemCodes.KeyRevoked, $"Art key {id} is {key.Status.ToString().ToLowerInvariant()}."));
            return (key, null);
        }
        catch (UnknownKeyException)
        {
            return (null, Problems.For(ProblemCodes.UnknownKey, $"No key {id} is registered."));
        }
        catch (ChainException e)
        {
            return (null, Problems.For(ProblemCodes.ChainUnavailable, $"The registry could not be read: {e.Message}"));
        }
    }
}
