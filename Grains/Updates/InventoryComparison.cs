using Kusabi.Grains.Interfaces;

namespace Kusabi.Grains.Updates;

/// <summary>Expected versus reported inventory: a changed, missing or unknown item is a difference.</summary>
public static class InventoryComparison
{
    public const string ActKeyItem = "act-key";

    public static List<InventoryDiff> Compare(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> reported, bool reportUnknownItems)
    {
        var differences = new List<InventoryDiff>();
        foreach (var (item, value) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            reported.TryGetValue(item, out var actual);
            if (actual != value) differences.Add(new InventoryDiff(item, value, actual));
        }
        if (reportUnknownItems)
        {
            foreach (var (item, value) in reported.OrderBy(e => e.Key, StringComparer.Ordinal))
                if (!expected.ContainsKey(item)) differences.Add(new InventoryDiff(item, null, value));
        }
        return differences;
    }
}
