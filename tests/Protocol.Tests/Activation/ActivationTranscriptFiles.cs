using System.Text.Json.Nodes;

namespace Kusabi.Protocol.Tests.Activation;

/// <summary>The committed vector file; in write mode it is regenerated first, so every test reads the new one.</summary>
internal static class ActivationTranscriptVector
{
    public static bool WriteMode => Environment.GetEnvironmentVariable("KUSABI_WRITE_VECTORS") == "1";

    public static JsonObject Value { get; } = Load();

    private static JsonObject Load()
    {
        if (ActivationTranscriptVector.WriteMode)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(RepositoryFiles.VectorFile)!);
            File.WriteAllText(RepositoryFiles.VectorFile, ActivationTranscriptGenerator.GenerateFileText());
        }

        return JsonNode.Parse(File.ReadAllText(RepositoryFiles.VectorFile))?.AsObject()
            ?? throw new InvalidDataException($"{RepositoryFiles.VectorFile} is empty.");
    }
}

/// <summary>docs/ of the checkout these test binaries were built from.</summary>
internal static class RepositoryFiles
{
    private static readonly string _root = FindRoot();

    public static string VectorFile => Path.Combine(_root, "docs", "vectors", ActivationTranscriptGenerator.VectorFileName);

    private static string ProtocolDocument => Path.Combine(_root, "docs", "protocol.md");

    public static string ReadDocSection()
    {
        var text = File.ReadAllText(ProtocolDocument).ReplaceLineEndings("\n");
        var (start, end) = Locate(text);
        return text[start..end];
    }

    public static void ReplaceDocSection(string section)
    {
        var text = File.ReadAllText(ProtocolDocument).ReplaceLineEndings("\n");
        var (start, end) = Locate(text);
        File.WriteAllText(ProtocolDocument, text[..start] + section + text[end..]);
    }

    private static (int Start, int End) Locate(string text)
    {
        var start = text.IndexOf(ActivationTranscriptGenerator.DocSectionBegin, StringComparison.Ordinal);
        var endMarker = text.IndexOf(ActivationTranscriptGenerator.DocSectionEnd, StringComparison.Ordinal);
        if (start < 0 || endMarker < start)
        {
            throw new InvalidDataException(
                $"docs/protocol.md needs the lines '{ActivationTranscriptGenerator.DocSectionBegin}' and '{ActivationTranscriptGenerator.DocSectionEnd}'.");
        }

        return (start, endMarker + ActivationTranscriptGenerator.DocSectionEnd.Length);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kusabi.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Kusabi.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
