using Kusabi.Protocol.Identity;

namespace Kusabi.Protocol.Tests.Identity;

public sealed class DeviceRefTests
{
    [Fact]
    public void Random_references_differ_and_round_trip_through_text()
    {
        var first = DeviceRef.CreateRandom();
        var second = DeviceRef.CreateRandom();

        first.Should().NotBe(second);
        first.ToString().Should().MatchRegex("^[0-9a-f]{64}$");
        DeviceRef.Parse(first.ToString()).Should().Be(first);
        new DeviceRef(first.ToArray()).Should().Be(first);
    }

    [Fact]
    public void Upper_case_is_accepted_and_formatted_back_in_lower_case()
    {
        var text = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";

        DeviceRef.Parse(text).ToString().Should().Be(text.ToLowerInvariant());
    }

    [Theory]
    [InlineData("00", "Invalid DeviceRef: expected 64 hexadecimal characters but got 2.")]
    [InlineData("zz112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "*character 'z' at position 0*")]
    public void Malformed_text_is_rejected_with_a_precise_message(string text, string message)
    {
        FluentActions.Invoking(() => DeviceRef.Parse(text)).Should().Throw<FormatException>().WithMessage(message);
        DeviceRef.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void WriteTo_fills_the_destination_with_the_bytes()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var destination = new byte[40];

        new DeviceRef(bytes).WriteTo(destination);

        destination[..32].Should().Equal(bytes);
        FluentActions.Invoking(() => new DeviceRef(bytes).WriteTo(new byte[31])).Should().Throw<ArgumentException>();
    }
}
