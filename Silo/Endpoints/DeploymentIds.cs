using System.Security.Cryptography;
using System.Text;
using Kusabi.Protocol.Activation;
using Microsoft.Extensions.Primitives;

namespace Kusabi.Silo.Endpoints;

/// <summary>
/// Deployment IDs: random, or derived from the client's Idempotency-Key so that a start retried
/// after a lost answer finds the deployment it already made instead of starting a second one.
/// </summary>
public static class DeploymentIds
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxKeyLength = 128;

    public static (string Id, IResult? Problem) For(StringValues idempotencyKey)
    {
        if (StringValues.IsNullOrEmpty(idempotencyKey)) return ($"dep-{Guid.NewGuid():N}"[..16], null);
        if (idempotencyKey.Count != 1 || idempotencyKey[0]!.Length is < 8 or > MaxKeyLength || idempotencyKey[0]!.Any(c => c is < '!' or > '~'))
            return ("", Problems.For(ProblemCodes.MalformedRequest, $"{IdempotencyHeader} must be one value of 8–{MaxKeyLength} printable ASCII characters."));
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(idempotencyKey[0]!));
        return ($"dep-{Convert.ToHexStringLower(digest)[..12]}", null);
    }
}
