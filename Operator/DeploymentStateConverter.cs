using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kusabi.Operator;

/// <summary>
/// Reads a deployment's state as its name ("running") whether the server writes the name or the
/// enum's number (0 running, 1 completed, 2 halted), so the client reads both forms.
/// </summary>
public sealed class DeploymentStateConverter : JsonConverter<string?>
{
    private static readonly string[] s_names = [DeploymentStatus.Running, DeploymentStatus.Completed, DeploymentStatus.Halted];

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString()?.ToLowerInvariant(),
        JsonTokenType.Number when reader.TryGetInt32(out var n) && n >= 0 && n < s_names.Length => s_names[n],
        _ => throw new JsonException($"A deployment state is one of {string.Join(", ", s_names)} or its number."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }
}
