using Kusabi.Protocol.Crypto;

namespace Kusabi.Protocol.Tests.Crypto;

/// <summary>Any change to what was sealed, or the wrong key, must fail with <see cref="CryptoOpenException"/>.</summary>
public sealed class HpkeTamperTests : IDisposable
{
    private const HpkeAead _aead = HpkeAead.Aes256Gcm;

    private static readonly byte[] _info = "kusabi/test/info"u8.ToArray();
    private static readonly byte[] _aad = "header"u8.ToArray();
    private static readonly byte[] _plaintext = "activation payload"u8.ToArray();

    private readonly X25519KeyPair _recipient = X25519KeyPair.Generate();
    private readonly HpkeSealedMessage _message;

    public HpkeTamperTests() => _message = Hpke.SealBase(_aead, _recipient.PublicKey, _info, _aad, _plaintext);

    public void Dispose() => _recipient.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(17)] // inside the tag
    [InlineData(-1)] // last byte
    public void A_flipped_ciphertext_bit_fails(int index)
    {
        var ciphertext = _message.Ciphertext.ToArray();
        ciphertext[index < 0 ? ciphertext.Length + index : index] ^= 0x01;

        OpenWith(_message.EncapsulatedKey, _recipient, _info, _aad, ciphertext).Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void A_truncated_ciphertext_fails()
    {
        OpenWith(_message.EncapsulatedKey, _recipient, _info, _aad, _message.Ciphertext[..^1]).Should().Throw<CryptoOpenException>();
        OpenWith(_message.EncapsulatedKey, _recipient, _info, _aad, _message.Ciphertext[..15]).Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void Different_associated_data_fails()
    {
        OpenWith(_message.EncapsulatedKey, _recipient, _info, "other"u8.ToArray(), _message.Ciphertext)
            .Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void Different_info_fails()
    {
        OpenWith(_message.EncapsulatedKey, _recipient, "other info"u8.ToArray(), _aad, _message.Ciphertext)
            .Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void A_tampered_encapsulated_key_fails()
    {
        var enc = _message.EncapsulatedKey.ToArray();
        enc[5] ^= 0x01;

        OpenWith(enc, _recipient, _info, _aad, _message.Ciphertext).Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void A_malformed_encapsulated_key_fails()
    {
        OpenWith(_message.EncapsulatedKey[..31], _recipient, _info, _aad, _message.Ciphertext).Should().Throw<CryptoOpenException>();
        OpenWith(new byte[32], _recipient, _info, _aad, _message.Ciphertext).Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void The_wrong_recipient_key_fails()
    {
        using var stranger = X25519KeyPair.Generate();

        OpenWith(_message.EncapsulatedKey, stranger, _info, _aad, _message.Ciphertext).Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void A_different_aead_fails()
    {
        FluentActions.Invoking(() => Hpke.OpenBase(
                HpkeAead.ChaCha20Poly1305, _message.EncapsulatedKey, _recipient, _info, _aad, _message.Ciphertext))
            .Should().Throw<CryptoOpenException>();
    }

    [Fact]
    public void A_failed_open_does_not_advance_the_recipient()
    {
        using var sender = Hpke.SetupBaseSender(_aead, _recipient.PublicKey, _info);
        using var context = Hpke.SetupBaseRecipient(_aead, sender.EncapsulatedKey, _recipient, _info);
        var first = sender.Seal(_aad, _plaintext);
        var forged = first.ToArray();
        forged[0] ^= 0x80;

        FluentActions.Invoking(() => context.Open(_aad, forged)).Should().Throw<CryptoOpenException>();

        context.SequenceNumber.Should().Be(0);
        context.Open(_aad, first).Should().Equal(_plaintext);
    }

    [Fact]
    public void Messages_opened_out_of_order_fail()
    {
        using var sender = Hpke.SetupBaseSender(_aead, _recipient.PublicKey, _info);
        using var context = Hpke.SetupBaseRecipient(_aead, sender.EncapsulatedKey, _recipient, _info);
        _ = sender.Seal(_aad, _plaintext);
        var second = sender.Seal(_aad, _plaintext);

        FluentActions.Invoking(() => context.Open(_aad, second)).Should().Throw<CryptoOpenException>();
    }

    private static Func<byte[]> OpenWith(byte[] enc, X25519KeyPair recipient, byte[] info, byte[] aad, byte[] ciphertext) =>
        () => Hpke.OpenBase(_aead, enc, recipient, info, aad, ciphertext);
}
