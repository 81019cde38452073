using Kusabi.Protocol.Encoding;

namespace Kusabi.Protocol.Tests.Encoding;

public sealed class Base64UrlTests
{
    [Theory]
    // RFC 4648 §10 vectors, without padding.
    [InlineData("", "")]
    [InlineData("66", "Zg")]
    [InlineData("666f", "Zm8")]
    [InlineData("666f6f", "Zm9v")]
    [InlineData("666f6f62", "Zm9vYg")]
    // The two characters that differ from standard base64.
    [InlineData("fbff", "-_8")]
    public void Encodes_without_padding_and_decodes_back(string hex, string text)
    {
        var bytes = Convert.FromHexString(hex);

        Base64Url.Encode(bytes).Should().Be(text);
        Base64Url.Decode(text).Should().Equal(bytes);
    }

    [Theory]
    [InlineData("Zg==")] // padding
    [InlineData("Zm9v Yg")] // whitespace
    [InlineData("+/8")] // standard base64 alphabet
    [InlineData("Z")] // a lone character cannot encode a byte
    [InlineData("Zh")] // non-zero unused bits: a second spelling of "Zg"
    public void Non_canonical_text_is_rejected(string text)
    {
        Base64Url.TryDecode(text, out var bytes).Should().BeFalse();
        bytes.Should().BeNull();
        FluentActions.Invoking(() => Base64Url.Decode(text)).Should().Throw<FormatException>();
    }

    [Fact]
    public void Random_bytes_round_trip()
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(100);

        Base64Url.Decode(Base64Url.Encode(bytes)).Should().Equal(bytes);
    }
}
