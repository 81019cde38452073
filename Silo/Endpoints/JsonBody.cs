using System.Text.Json;
using Kusabi.Protocol.Activation;

namespace Kusabi.Silo.Endpoints;

/// <summary>
/// Reads a JSON body with a hard size bound and turns every way it can be wrong into one precise
/// problem, before any state is touched.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
            return (null, Problems.For(ProblemCodes.RequestTooLarge, $"The body may be at most {maxBytes} bytes."));
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.Malformed("The body must be application/json."));

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes) return (null, Problems.For(ProblemCodes.RequestTooLarge, $"The body may be at most {maxBytes} bytes."));
        }
        return Parse<T>(buffer.AsSpan(0, length));
    }

    /// <summary>Parses an already-read body (device requests are read whole to check their signature).</summary>
    public static (T? Value, IResult? Problem) Parse<T>(ReadOnlySpan<byte> body) where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, s_options);
            return value is null ? (null, Problems.Malformed("The body is empty or null.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed($"The body is not valid JSON for this request: {e.Message}"));
        }
    }
}
