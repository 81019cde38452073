using System.Text.Json;
using Kusabi.Client;

namespace Kusabi.Operator.Cli;

/// <summary>Printing helpers: indented JSON for --json, and fixed-width tables.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions s_indented = new(KusabiJson.Options) { WriteIndented = true };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, s_indented);

    /// <summary>Columns padded to their widest cell; the last column is not padded.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        return string.Join(Environment.NewLine, all.Select(r => string.Join("  ", r.Select((cell, i) => i == r.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd()));
    }

    /// <summary>The first <paramref name="length"/> characters of an id, enough to tell devices apart in a table.</summary>
    public static string Short(string? id, int length = 16) => id is null ? "-" : id.Length <= length ? id : id[..length] + "…";
}
