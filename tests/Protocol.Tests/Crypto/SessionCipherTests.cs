using System.Security.Cryptography;
using Kusabi.Protocol.Crypto;

namespace Kusabi.Protocol.Tests.Crypto;

public sealed class SessionCipherTests
{
    private static readonly byte[] _key = RandomNumberGenerator.GetBytes(SessionCipher.KeySize);
    private static readonly byte[] _aad = "device/42"u8.ToArray();
    private static readonly byte[] _plaintext = "telemetry frame"u8.ToArray();

    [Fact]
    public void Seal_then_Open_returns_the_plaintext()
    {
        var sealedMessage = SessionCipher.Seal(_key, _plaintext, _aad);

        sealedMessage.Should().HaveCount(_plaintext.Length + SessionCipher.Overhead);
        SessionCipher.Open(_key, sealedMessage, _aad).Should().Equal(_plaintext);
    }

    [Fact]
    public void An_empty_plaintext_round_trips()
    {
        var sealedMessage = SessionCipher.Seal(_key, [], _aad);

        sealedMessage.Should().HaveCount(SessionCipher.Overhead);
        SessionCipher.Open(_key, sealedMessage, _aad).Should().BeEmpty();
    }

    [Fact]
    public void Every_seal_uses_a_fresh_nonce()
    {
        var first = SessionCipher.Seal(_key, _plaintext, _aad);
        var second = SessionCipher.Seal(_key, _plaintext, _aad);

        first[..SessionCipher.NonceSize].Should().NotEqual(second[..SessionCipher.NonceSize]);
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(SessionCipher.NonceSize)] // ciphertext
    [InlineData(-1)] // tag
    public void A_tampered_message_fails(int index)
    {
        var sealedMessage = SessionCipher.Seal(_key, _plaintext, _aad);
        sealedMessage[index < 0 ? sealedMessage.Length + index : index] ^= 0x01;

        FluentActions.Invoking(() => SessionCipher.Open(_key, sealedMessage, _aad)).Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void The_wrong_associated_data_fails()
    {
        var sealedMessage = SessionCipher.Seal(_key, _plaintext, _aad);

        FluentActions.Invoking(() => SessionCipher.Open(_key, sealedMessage, "device/43"u8)).Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void The_wrong_key_fails()
    {
        var sealedMessage = SessionCipher.Seal(_key, _plaintext, _aad);
        var otherKey = RandomNumberGenerator.GetBytes(SessionCipher.KeySize);

        FluentActions.Invoking(() => SessionCipher.Open(otherKey, sealedMessage, _aad)).Should().Throw<CryptoOpenException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SessionCipher.NonceSize)]
    [InlineData(SessionCipher.Overhead - 1)]
    public void Input_shorter_than_nonce_and_tag_fails(int length)
    {
        var truncated = SessionCipher.Seal(_key, _plaintext, _aad)[..length];

        FluentActions.Invoking(() => SessionCipher.Open(_key, truncated, _aad))
            .Should().Throw<CryptoOpenException>().WithMessage("*at least 28 bytes*");
    }

    [Fact]
    public void A_message_truncated_by_one_byte_fails()
    {
        var sealedMessage = SessionCipher.Seal(_key, _plaintext, _aad);

        FluentActions.Invoking(() => SessionCipher.Open(_key, sealedMessage[..^1], _aad)).Should().Throw<CryptoOpenException>();
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void Keys_other_than_32_bytes_are_rejected(int keyLength)
    {
        var key = new byte[keyLength];

        FluentActions.Invoking(() => SessionCipher.Seal(key, _plaintext, _aad)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => SessionCipher.Open(key, new byte[64], _aad)).Should().Throw<ArgumentException>();
    }
}
