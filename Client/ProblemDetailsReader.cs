using System.Text;
using System.Text.Json;
using Kusabi.Protocol.Activation;

namespace Kusabi.Client;

/// <summary>Turns an error response into a <see cref="KusabiApiException"/>, whether or not it is problem+json.</summary>
public static class ProblemDetailsReader
{
    private const int MaxDetailChars = 300;

    public static KusabiApiException Read(int status, string? mediaType, ReadOnlySpan<byte> body)
    {
        var fallbackCode = $"http-{status}";
        if (mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) && TryParse(body, out var problem))
        {
            var code = CodeOf(problem.Type) ?? problem.Code ?? fallbackCode;
            return new KusabiApiException(status, code, problem.Title, problem.Detail, problem.Type);
        }
        // Proxies and crashed servers answer in text or HTML; keep a short, printable excerpt.
        var text = Encoding.UTF8.GetString(body).Trim();
        var detail = text.Length == 0 ? null : text.Length <= MaxDetailChars ? text : text[..MaxDetailChars] + "…";
        return new KusabiApiException(status, fallbackCode, null, detail);
    }

    private static string? CodeOf(string? type) =>
        type is not null && type.StartsWith(ProblemCodes.TypePrefix, StringComparison.Ordinal) && type.Length > ProblemCodes.TypePrefix.Length
            ? type[ProblemCodes.TypePrefix.Length..]
            : null;

    private static bool TryParse(ReadOnlySpan<byte> body, out ProblemDocument problem)
    {
        problem = new ProblemDocument();
        try
        {
            problem = JsonSerializer.Deserialize<ProblemDocument>(body, KusabiJson.Options) ?? problem;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private sealed record ProblemDocument(string? Type = null, string? Title = null, int? Status = null, string? Detail = null, string? Code = null);
}
