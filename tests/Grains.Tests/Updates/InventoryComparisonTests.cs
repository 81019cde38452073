using Kusabi.Grains.Interfaces;
using Kusabi.Grains.Updates;

namespace Kusabi.Grains.Tests.Updates;

public sealed class InventoryComparisonTests
{
    private static readonly Dictionary<string, string> s_expected = new() { ["firmware.version"] = "3", ["act-key"] = "a1" };

    [Fact]
    public void The_same_items_and_values_have_no_difference() =>
        InventoryComparison.Compare(s_expected, new Dictionary<string, string>(s_expected), reportUnknownItems: true).Should().BeEmpty();

    [Fact]
    public void A_changed_value_is_a_difference_with_both_values() =>
        InventoryComparison.Compare(s_expected, new Dictionary<string, string>(s_expected) { ["firmware.version"] = "2" }, true)
            .Should().Equal(new InventoryDiff("firmware.version", "3", "2"));

    [Fact]
    public void A_missing_item_is_a_difference_with_nothing_reported() =>
        InventoryComparison.Compare(s_expected, new Dictionary<string, string> { ["act-key"] = "a1" }, true)
            .Should().Equal(new InventoryDiff("firmware.version", "3", null));

    [Fact]
    public void An_unknown_item_is_a_difference_when_a_release_says_what_to_expect() =>
        InventoryComparison.Compare(s_expected, new Dictionary<string, string>(s_expected) { ["debug.shell"] = "on" }, reportUnknownItems: true)
            .Should().Equal(new InventoryDiff("debug.shell", null, "on"));

    [Fact]
    public void An_unknown_item_is_no_difference_when_no_release_is_installed() =>
        InventoryComparison.Compare(s_expected, new Dictionary<string, string>(s_expected) { ["debug.shell"] = "on" }, reportUnknownItems: false)
            .Should().BeEmpty();

    [Fact]
    public void Differences_come_in_ordinal_item_order_expected_items_first()
    {
        var reported = new Dictionary<string, string> { ["z.extra"] = "1", ["b.extra"] = "2" };

        InventoryComparison.Compare(s_expected, reported, true).Select(d => d.Item)
            .Should().Equal("act-key", "firmware.version", "b.extra", "z.extra");
    }

    [Fact]
    public void Values_are_compared_exactly_case_included() =>
        InventoryComparison.Compare(s_expected, new Dictionary<string, string>(s_expected) { ["act-key"] = "A1" }, true).Should().ContainSingle();
}
