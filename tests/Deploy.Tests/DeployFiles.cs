using Kusabi.Chain.Node;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.RepresentationModel;

namespace Kusabi.Deploy.Tests;

/// <summary>Locates and parses the files under deploy/.</summary>
public static class DeployFiles
{
    public static string Root { get; } = Toolchain.RepositoryRoot() ?? throw new DirectoryNotFoundException("Repository root not found.");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, "deploy", .. parts]);

    public static TomlTable Toml(string path) => TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))!;

    /// <summary>Every document of a (multi-document) YAML file, with merge keys (&lt;&lt;) applied.</summary>
    public static IReadOnlyList<YamlMappingNode> Yaml(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)Merged(d.RootNode)).ToList();
    }

    /// <summary>Applies YAML merge keys: a mapping's own keys win over those it merges in.</summary>
    private static YamlNode Merged(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var result = new YamlMappingNode();
                foreach (var (key, value) in mapping.Children.Where(kv => ((YamlScalarNode)kv.Key).Value != "<<"))
                    result.Add(key, Merged(value));
                var mergeKey = new YamlScalarNode("<<");
                if (mapping.Children.TryGetValue(mergeKey, out var merged))
                {
                    var sources = merged is YamlSequenceNode list ? list.Children : [merged];
                    foreach (var source in sources.Select(Merged).Cast<YamlMappingNode>())
                        foreach (var (key, value) in source.Children)
                            if (!result.Children.ContainsKey(key)) result.Add(key, value);
                }
                return result;
            case YamlSequenceNode sequence:
                return new YamlSequenceNode(sequence.Children.Select(Merged));
            default:
                return node;
        }
    }

    /// <summary>KEY=VALUE lines, as docker compose env files hold them.</summary>
    public static Dictionary<string, string> EnvFile(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
}
