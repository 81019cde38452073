using System.Text;
using System.Text.Json.Nodes;

namespace Kusabi.Protocol.Tests.Activation;

/// <summary>The activation transcript as the generated section of docs/protocol.md.</summary>
internal static class ActivationTranscriptMarkdown
{
    /// <summary>
    /// Renders the vector as the Markdown section of docs/protocol.md between
    /// <see cref="ActivationTranscriptGenerator.DocSectionBegin"/> and <see cref="ActivationTranscriptGenerator.DocSectionEnd"/> (markers included).
    /// </summary>
    public static string Render(JsonObject vector)
    {
        var md = new StringBuilder();
        md.Append(ActivationTranscriptGenerator.DocSectionBegin).Append('\n');
        foreach (var (name, value) in vector)
        {
            if (value is not JsonObject section)
            {
                continue;
            }

            md.Append('\n').Append("#### ").Append(_sectionTitles.GetValueOrDefault(name, name)).Append('\n').Append('\n');
            var lines = new List<(string Name, string Value)>();
            var bodies = new List<(string Name, JsonObject Body)>();
            foreach (var (key, item) in section)
            {
                if (item is JsonObject body)
                {
                    bodies.Add((key, body));
                }
                else
                {
                    lines.Add((key, item!.GetValue<string>()));
                }
            }

            if (lines.Count > 0)
            {
                var width = lines.Max(l => l.Name.Length);
                md.Append("```text\n");
                foreach (var (key, text) in lines)
                {
                    var size = IsHex(text) ? $"[{text.Length / 2}]" : string.Empty;
                    var shown = text.Length == 0 ? "(empty)" : text;
                    if (name == "labels")
                    {
                        shown += $"  \"{System.Text.Encoding.ASCII.GetString(Convert.FromHexString(text))}\"";
                    }

                    md.Append(key.PadRight(width)).Append(' ').Append(size.PadRight(5)).Append(' ').Append(shown).Append('\n');
                }

                md.Append("```\n");
            }

            var separate = lines.Count > 0;
            foreach (var (key, body) in bodies)
            {
                md.Append(separate ? "\n" : string.Empty).Append(key).Append(" body:\n\n```json\n")
                    .Append(body.ToJsonString(ActivationTranscriptGenerator.FileJson).ReplaceLineEndings("\n")).Append("\n```\n");
                separate = true;
            }
        }

        md.Append('\n').Append(ActivationTranscriptGenerator.DocSectionEnd);
        return md.ToString();
    }

    private static readonly Dictionary<string, string> _sectionTitles = new()
    {
        ["suite"] = "Suite",
        ["labels"] = "Labels",
        ["inputs"] = "Fixed inputs",
        ["factory"] = "Factory: pre key, kusabi-ID, registration",
        ["step1"] = "Step 1: POST /v1/activation/sessions",
        ["step2"] = "Step 2: HPKE session grant (201)",
        ["step3"] = "Step 3: POST /v1/activation/act-key",
        ["step4"] = "Step 4: act key and act grant (200)",
        ["step5"] = "Step 5: POST /v1/activation/confirm",
    };

    private static bool IsHex(string text) =>
        text.Length % 2 == 0 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
