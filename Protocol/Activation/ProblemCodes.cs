namespace Kusabi.Protocol.Activation;

/// <summary>
/// The machine-readable error codes of the device API. Each is the last segment of an RFC 9457
/// problem <c>type</c> (<c>urn:kusabi:problem:{code}</c>) and has one HTTP status.
/// </summary>
public static class ProblemCodes
{
    public const string TypePrefix = "urn:kusabi:problem:";

    public const string MalformedRequest = "malformed-request";       // 400
    public const string RequestTooLarge = "request-too-large";       // 413
    public const string InvalidSeal = "invalid-seal";                // 400
    public const string InvalidSignature = "invalid-signature";      // 400
    public const string UnknownKey = "unknown-key";                  // 404
    public const string UnknownSession = "unknown-session";          // 404
    public const string WrongKeyPurpose = "wrong-key-purpose";       // 422
    public const string KeyRevoked = "key-revoked";                  // 403
    public const string PreKeyConsumed = "pre-key-consumed";         // 409
    public const string ReplayedRequest = "replayed-request";        // 409
    public const string ActKeyMismatch = "act-key-mismatch";         // 409
    public const string SessionExpired = "session-expired";          // 410
    public const string Unauthorized = "unauthorized";               // 401
    public const string Forbidden = "forbidden";                     // 403
    public const string ChainUnavailable = "chain-unavailable";      // 503
    public const string StaleRequest = "stale-request";              // 401
    public const string UnknownNonce = "unknown-nonce";              // 404
    public const string AssignmentMismatch = "assignment-mismatch";  // 409
    public const string ArtifactMismatch = "artifact-mismatch";      // 400
    public const string ArtifactMissing = "artifact-missing";        // 409
    public const string VersionNotIncreasing = "version-not-increasing"; // 409
    public const string IdempotencyKeyReused = "idempotency-key-reused"; // 409
    public const string UnknownRelease = "unknown-release";          // 404
    public const string UnknownDeployment = "unknown-deployment";    // 404
    public const string UnknownDevice = "unknown-device";            // 404
}
