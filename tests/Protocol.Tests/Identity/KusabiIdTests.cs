using Kusabi.Protocol.Identity;

namespace Kusabi.Protocol.Tests.Identity;

public sealed class KusabiIdTests
{
    private static readonly byte[] _publicKey = Convert.FromHexString("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    private static readonly byte[] _salt = Convert.FromHexString("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    [Theory]
    // SHA-256("kusabi/id/v1" || purpose || _publicKey || _salt), computed independently with Python's hashlib.
    [InlineData(KeyPurpose.Pre, "f66e6a316d44f37bf323a882837ae6928256fd5524ba34a14b94e9b9a1d9f8f2")]
    [InlineData(KeyPurpose.Act, "bbc6b572059670c5e9a71feddcc53bb07e8669b0c0990b40fa8954b3cc6e4d0b")]
    [InlineData(KeyPurpose.Art, "ccc1299871fce29c6b4dc958ff95f6a4a36dd8ee6a93e23544d1b25a62c4e096")]
    public void Create_with_a_fixed_salt_matches_the_vector(KeyPurpose purpose, string expected)
    {
        KusabiId.Create(purpose, _publicKey, _salt).ToString().Should().Be(expected);
    }

    [Fact]
    public void Purposes_match_the_key_registry_contract()
    {
        ((byte)KeyPurpose.Pre).Should().Be(1);
        ((byte)KeyPurpose.Act).Should().Be(2);
        ((byte)KeyPurpose.Art).Should().Be(3);
        ((byte)KeyAlgorithm.X25519).Should().Be(1);
        ((byte)KeyAlgorithm.Ed25519).Should().Be(2);
    }

    [Fact]
    public void Create_without_a_salt_draws_a_fresh_one_each_time()
    {
        KusabiId.Create(KeyPurpose.Act, _publicKey).Should().NotBe(KusabiId.Create(KeyPurpose.Act, _publicKey));
    }

    [Fact]
    public void Create_validates_its_inputs()
    {
        FluentActions.Invoking(() => KusabiId.Create((KeyPurpose)0, _publicKey, _salt)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => KusabiId.Create((KeyPurpose)4, _publicKey, _salt)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => KusabiId.Create(KeyPurpose.Pre, _publicKey[..31], _salt)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => KusabiId.Create(KeyPurpose.Pre, _publicKey, _salt[..15])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Format_and_parse_round_trip_with_value_equality()
    {
        var id = KusabiId.Create(KeyPurpose.Art, _publicKey);

        var text = id.ToString();
        var parsed = KusabiId.Parse(text);

        text.Should().HaveLength(KusabiId.HexLength).And.MatchRegex("^[0-9a-f]{64}$");
        parsed.Should().Be(id);
        (parsed == id).Should().BeTrue();
        parsed.GetHashCode().Should().Be(id.GetHashCode());
        new KusabiId(id.ToArray()).Should().Be(id);
    }

    [Fact]
    public void Upper_case_is_accepted_and_formatted_back_in_lower_case()
    {
        const string lower = "bbc6b572059670c5e9a71feddcc53bb07e8669b0c0990b40fa8954b3cc6e4d0b";

        var id = KusabiId.Parse(lower.ToUpperInvariant());

        id.ToString().Should().Be(lower);
        id.Should().Be(KusabiId.Parse(lower));
    }

    [Theory]
    [InlineData("", "*expected 64 hexadecimal characters but got 0*")]
    [InlineData("abc", "*expected 64 hexadecimal characters but got 3*")]
    [InlineData("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", "*got 66*")]
    [InlineData("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2000", "*got 66*")]
    [InlineData("g102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", "*character 'g' at position 0*")]
    [InlineData("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2 ", "*character ' ' at position 63*")]
    [InlineData("01020304-5060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", "*character '-' at position 8*")]
    public void Malformed_text_is_rejected_with_a_precise_message(string text, string message)
    {
        FluentActions.Invoking(() => KusabiId.Parse(text))
            .Should().Throw<FormatException>().WithMessage("Invalid KusabiId: " + message);
        KusabiId.TryParse(text, out var result).Should().BeFalse();
        result.Should().Be(default(KusabiId));
    }

    [Fact]
    public void Non_ascii_characters_are_named_by_code_point()
    {
        var text = "é" + new string('0', 63);

        FluentActions.Invoking(() => KusabiId.Parse(text)).Should().Throw<FormatException>().WithMessage("*U+00E9 at position 0*");
    }

    [Fact]
    public void Null_is_rejected()
    {
        FluentActions.Invoking(() => KusabiId.Parse(null!)).Should().Throw<ArgumentNullException>();
        KusabiId.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void TryParse_accepts_valid_text()
    {
        KusabiId.TryParse(new string('a', 64), out var id).Should().BeTrue();

        id.ToArray().Should().OnlyContain(b => b == 0xaa);
    }

    [Fact]
    public void The_generic_parsable_contract_works()
    {
        ParseVia<KusabiId>(new string('0', 64)).Should().Be(new KusabiId(new byte[32]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Constructing_from_other_than_32_bytes_is_rejected(int length)
    {
        FluentActions.Invoking(() => new KusabiId(new byte[length])).Should().Throw<ArgumentException>();
    }

    private static T ParseVia<T>(string text)
        where T : IParsable<T> => T.Parse(text, null);
}
