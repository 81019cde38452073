using System.Collections.Concurrent;
using System.Text.Json;

namespace Kusabi.Fault.Tests;

/// <summary>
/// Counts every answer that was not a success, by status and problem code, so a test can tell a
/// clean refusal (503 service-unavailable, problem+json) from a broken one (500, or no problem body).
/// </summary>
public sealed class ResponseTally(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    /// <summary>"503 service-unavailable" → how many; a body that is not problem+json counts as "STATUS (no problem body)".</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int CountOf(int status, string code) => _counts.GetValueOrDefault($"{status} {code}");

    public override string ToString() => string.Join(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Key} ×{c.Value}"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var key = $"{(int)response.StatusCode} {await ProblemCodeAsync(response, cancellationToken) ?? "(no problem body)"}";
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
        return response;
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
