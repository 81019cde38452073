using FluentAssertions.Equivalency;
using Kusabi.Chain.Model;

namespace Kusabi.Contract.Tests.Support;

public static class RecordAssertions
{
    /// <summary>Field-by-field equality; addresses compare without regard to checksum case.</summary>
    public static void ShouldMatch(this KeyRecord actual, KeyRecord expected) =>
        actual.Should().BeEquivalentTo(expected, IgnoringAddressCase);

    public static void ShouldMatch(this IEnumerable<KeyRecord> actual, IEnumerable<KeyRecord> expected) =>
        actual.Should().BeEquivalentTo(expected, o => IgnoringAddressCase(o).WithStrictOrdering());

    private static EquivalencyAssertionOptions<T> IgnoringAddressCase<T>(EquivalencyAssertionOptions<T> options) => options
        .Using<string>(c => c.Subject.Should().BeEquivalentTo(c.Expectation))
        .WhenTypeIs<string>();
}
