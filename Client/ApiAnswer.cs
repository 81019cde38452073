using System.Text.Json;

namespace Kusabi.Client;

/// <summary>A successful (2xx) answer, body buffered.</summary>
public sealed record ApiAnswer(int Status, string? MediaType, byte[] Body)
{
    /// <exception cref="KusabiProtocolException">The body is empty or not the expected JSON.</exception>
    public T ReadJson<T>(string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, KusabiJson.Options)
                ?? throw new KusabiProtocolException($"The server answered {what} with an empty body.");
        }
        catch (JsonException e)
        {
            throw new KusabiProtocolException($"The server's answer to {what} is not the expected JSON: {e.Message}", e);
        }
    }
}
