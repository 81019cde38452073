using Kusabi.Grains.Interfaces;
using Kusabi.Protocol.Activation;

namespace Kusabi.Silo.Endpoints;

/// <summary>RFC 9457 problem responses with the project's stable codes.</summary>
public static class Problems
{
    private static readonly Dictionary<string, (int Status, string Title)> s_known = new()
    {
        [ProblemCodes.MalformedRequest] = (400, "Malformed request"),
        [ProblemCodes.RequestTooLarge] = (413, "Request too large"),
        [ProblemCodes.InvalidSeal] = (400, "Sealed payload does not open"),
        [ProblemCodes.InvalidSignature] = (400, "Signature does not verify"),
        [ProblemCodes.UnknownKey] = (404, "Unknown kusabi-ID"),
        [ProblemCodes.UnknownSession] = (404, "Unknown activation session"),
        [ProblemCodes.WrongKeyPurpose] = (422, "Wrong key purpose"),
        [ProblemCodes.KeyRevoked] = (403, "Key revoked"),
        [ProblemCodes.PreKeyConsumed] = (409, "Pre key already consumed"),
        [ProblemCodes.ReplayedRequest] = (409, "Replayed request"),
        [ProblemCodes.ActKeyMismatch] = (409, "Act key mismatch"),
        [ProblemCodes.SessionExpired] = (410, "Activation session expired"),
        [ProblemCodes.Unauthorized] = (401, "Missing or invalid credential"),
        [ProblemCodes.Forbidden] = (403, "Credential lacks the required role"),
        [ProblemCodes.ChainUnavailable] = (503, "Registry unavailable"),
        [ProblemCodes.StaleRequest] = (401, "Request timestamp outside the accepted window"),
        [ProblemCodes.UnknownNonce] = (404, "Unknown or expired nonce"),
        [ProblemCodes.AssignmentMismatch] = (409, "No such update assigned"),
        [ProblemCodes.ArtifactMismatch] = (400, "Artifact does not match"),
        [ProblemCodes.ArtifactMissing] = (409, "Artifact not uploaded"),
        [ProblemCodes.VersionNotIncreasing] = (409, "Version not above the anchored release"),
        [ProblemCodes.IdempotencyKeyReused] = (409, "Idempotency key already used"),
        [ProblemCodes.UnknownRelease] = (404, "Unknown release"),
        [ProblemCodes.UnknownDeployment] = (404, "Unknown deployment"),
        [ProblemCodes.UnknownDevice] = (404, "Unknown device"),
    };

    public static int StatusOf(string code) => s_known.TryGetValue(code, out var known) ? known.Status : 500;

    public static IResult For(string code, string detail)
    {
        var (status, title) = s_known.TryGetValue(code, out var known) ? known : (500, "Internal error");
        Telemetry.SiloMetrics.CountProblem(code, status);
        return Results.Problem(detail: detail, statusCode: status, title: title, type: ProblemCodes.TypePrefix + code,
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }

    public static IResult For(Failure failure) => For(failure.Code, failure.Detail);

    public static IResult Malformed(string detail) => For(ProblemCodes.MalformedRequest, detail);
}
