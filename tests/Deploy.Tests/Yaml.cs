using YamlDotNet.RepresentationModel;

namespace Kusabi.Deploy.Tests;

/// <summary>Short paths into parsed YAML.</summary>
public static class Yaml
{
    public static YamlNode? Get(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            current = next;
        }
        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static YamlMappingNode Map(this YamlNode node, params string[] path) =>
        node.Get(path) as YamlMappingNode ?? throw new KeyNotFoundException($"No mapping at {string.Join('.', path)}.");

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, params string[] path) =>
        (node.Get(path) as YamlSequenceNode)?.Children.ToList() ?? [];

    public static IReadOnlyList<string> Strings(this YamlNode node, params string[] path) =>
        node.Items(path).OfType<YamlScalarNode>().Select(s => s.Value!).ToList();

    /// <summary>A mapping of scalars as a dictionary (labels, selectors, environment maps).</summary>
    public static Dictionary<string, string> Scalars(this YamlNode node, params string[] path) =>
        node.Get(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => (kv.Value as YamlScalarNode)?.Value ?? "")
            : [];
}
