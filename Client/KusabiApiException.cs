using Kusabi.Protocol.Activation;

namespace Kusabi.Client;

/// <summary>
/// The server answered with an error: an RFC 9457 problem (<see cref="Code"/> is the last segment
/// of its <c>urn:kusabi:problem:</c> type) or, for non-problem answers, <c>http-{status}</c>.
/// </summary>
public sealed class KusabiApiException : Exception
{
    public KusabiApiException(int status, string code, string? title, string? detail, string? type = null)
        : base($"The server answered {status} {code}{(detail is null ? "" : ": " + detail)}")
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        Type = type;
    }

    public int Status { get; }

    public string Code { get; }

    public string? Title { get; }

    public string? Detail { get; }

    public string? Type { get; }

    /// <summary>The activation session is gone on the server: the device must start again at step 1.</summary>
    public bool IsSessionLost => Code is ProblemCodes.UnknownSession or ProblemCodes.SessionExpired;
}
