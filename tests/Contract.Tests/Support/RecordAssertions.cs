using FluentAssertions.Equivalency;
using FluentAssertions.Formatting;
using Kusabi.Chain.Model;
using Kusabi.Protocol.Identity;

namespace Kusabi.Contract.Tests.Support;

public static class RecordAssertions
{
    static RecordAssertions() => Formatter.AddFormatter(new IdentifierFormatter());

    /// <summary>Field-by-field equality; addresses compare without regard to checksum case.</summary>
    public static void ShouldMatch(this KeyRecord actual, KeyRecord expected) =>
        actual.Should().BeEquivalentTo(expected, RecordOptions);

    public static void ShouldMatch(this IEnumerable<KeyRecord> actual, IEnumerable<KeyRecord> expected) =>
        actual.Should().BeEquivalentTo(expected, o => RecordOptions(o).WithStrictOrdering());

    // The identifier types are record structs without public members: compare them by Equals,
    // or the structural comparison would find nothing to compare and pass.
    private static EquivalencyAssertionOptions<T> RecordOptions<T>(EquivalencyAssertionOptions<T> options) => options
        .ComparingByValue<KusabiId>()
        .ComparingByValue<DeviceRef>()
        .Using<string>(c => c.Subject.Should().BeEquivalentTo(c.Expectation))
        .WhenTypeIs<string>();
}

/// <summary>Shows identifiers as their hex text in failure messages instead of an empty member list.</summary>
internal sealed class IdentifierFormatter : IValueFormatter
{
    public bool CanHandle(object value) => value is KusabiId or DeviceRef;

    public void Format(object value, FormattedObjectGraph formattedGraph, FormattingContext context, FormatChild formatChild) =>
        formattedGraph.AddFragment($"{value.GetType().Name} {value}");
}
