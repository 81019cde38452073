using Kusabi.Protocol.Encoding;

namespace Kusabi.Protocol.Tests.Encoding;

public sealed class HexTests
{
    [Fact]
    public void Encode_writes_lower_case()
    {
        Hex.Encode([0x00, 0xab, 0xff, 0x10]).Should().Be("00abff10");
        Hex.Encode([]).Should().BeEmpty();
    }

    [Fact]
    public void Decode_accepts_either_case()
    {
        Hex.Decode("00abFF10").Should().Equal(0x00, 0xab, 0xff, 0x10);
        Hex.Decode("").Should().BeEmpty();
    }

    [Fact]
    public void Decode_rejects_odd_lengths()
    {
        FluentActions.Invoking(() => Hex.Decode("abc")).Should().Throw<FormatException>().WithMessage("*even length*3*");
        Hex.TryDecode("abc", out _).Should().BeFalse();
    }

    [Fact]
    public void Decode_names_the_first_invalid_character()
    {
        FluentActions.Invoking(() => Hex.Decode("00x1")).Should().Throw<FormatException>().WithMessage("*'x' at position 2*");
        Hex.TryDecode("00x1", out var bytes).Should().BeFalse();
        bytes.Should().BeNull();
    }

    [Fact]
    public void TryDecode_returns_the_bytes_on_success()
    {
        Hex.TryDecode("cafe", out var bytes).Should().BeTrue();

        bytes.Should().Equal(0xca, 0xfe);
    }
}
