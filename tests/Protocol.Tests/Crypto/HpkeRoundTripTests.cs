using Kusabi.Protocol.Crypto;

namespace Kusabi.Protocol.Tests.Crypto;

public sealed class HpkeRoundTripTests
{
    private static readonly byte[] _info = "kusabi/test/info"u8.ToArray();
    private static readonly byte[] _aad = "header"u8.ToArray();
    private static readonly byte[] _plaintext = "activation payload"u8.ToArray();

    [Theory]
    [InlineData(HpkeAead.Aes128Gcm)]
    [InlineData(HpkeAead.Aes256Gcm)]
    [InlineData(HpkeAead.ChaCha20Poly1305)]
    public void SealBase_then_OpenBase_returns_the_plaintext(HpkeAead aead)
    {
        using var recipient = X25519KeyPair.Generate();

        var message = Hpke.SealBase(aead, recipient.PublicKey, _info, _aad, _plaintext);

        message.EncapsulatedKey.Should().HaveCount(DhKemX25519.EncapsulatedKeySize);
        message.Ciphertext.Should().HaveCount(_plaintext.Length + 16);
        Hpke.OpenBase(aead, message.EncapsulatedKey, recipient, _info, _aad, message.Ciphertext).Should().Equal(_plaintext);
    }

    [Fact]
    public void Each_seal_uses_a_fresh_ephemeral_key()
    {
        using var recipient = X25519KeyPair.Generate();

        var first = Hpke.SealBase(HpkeAead.Aes256Gcm, recipient.PublicKey, _info, _aad, _plaintext);
        var second = Hpke.SealBase(HpkeAead.Aes256Gcm, recipient.PublicKey, _info, _aad, _plaintext);

        first.EncapsulatedKey.Should().NotEqual(second.EncapsulatedKey);
        first.Ciphertext.Should().NotEqual(second.Ciphertext);
    }

    [Fact]
    public void A_context_pair_carries_several_messages_in_order()
    {
        using var recipientKey = X25519KeyPair.Generate();
        using var sender = Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, recipientKey.PublicKey, _info);
        using var recipient = Hpke.SetupBaseRecipient(HpkeAead.Aes256Gcm, sender.EncapsulatedKey, recipientKey, _info);

        for (var i = 0; i < 5; i++)
        {
            byte[] message = [(byte)i, 1, 2, 3];
            var ciphertext = sender.Seal(_aad, message);
            recipient.Open(_aad, ciphertext).Should().Equal(message);
        }

        sender.SequenceNumber.Should().Be(5);
        recipient.SequenceNumber.Should().Be(5);
    }

    [Fact]
    public void Identical_messages_encrypt_differently_as_the_sequence_advances()
    {
        using var recipientKey = X25519KeyPair.Generate();
        using var sender = Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, recipientKey.PublicKey, _info);

        sender.Seal(_aad, _plaintext).Should().NotEqual(sender.Seal(_aad, _plaintext));
    }

    [Fact]
    public void Both_sides_export_the_same_secret_and_different_contexts_differ()
    {
        using var recipientKey = X25519KeyPair.Generate();
        using var sender = Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, recipientKey.PublicKey, _info);
        using var recipient = Hpke.SetupBaseRecipient(HpkeAead.Aes256Gcm, sender.EncapsulatedKey, recipientKey, _info);

        var exported = sender.Export("session"u8, 32);

        recipient.Export("session"u8, 32).Should().Equal(exported);
        sender.Export("other"u8, 32).Should().NotEqual(exported);
        sender.Export("session"u8, 0).Should().BeEmpty();
    }

    [Fact]
    public void Export_rejects_lengths_beyond_what_hkdf_can_produce()
    {
        using var recipientKey = X25519KeyPair.Generate();
        using var sender = Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, recipientKey.PublicKey, _info);

        sender.Export([], 255 * 32).Should().HaveCount(255 * 32);
        FluentActions.Invoking(() => sender.Export([], (255 * 32) + 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => sender.Export([], -1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_disposed_context_refuses_to_work()
    {
        using var recipientKey = X25519KeyPair.Generate();
        var sender = Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, recipientKey.PublicKey, _info);
        sender.Dispose();

        FluentActions.Invoking(() => sender.Seal(_aad, _plaintext)).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => sender.Export([], 32)).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Sealing_stops_before_the_sequence_number_could_wrap()
    {
        using var recipientKey = X25519KeyPair.Generate();
        using var sender = Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, recipientKey.PublicKey, _info);
        sender.SequenceNumber = ulong.MaxValue - 1;

        sender.Seal(_aad, _plaintext);

        FluentActions.Invoking(() => sender.Seal(_aad, _plaintext)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Setup_rejects_a_malformed_recipient_public_key()
    {
        FluentActions.Invoking(() => Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, new byte[31], _info))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Setup_rejects_a_low_order_recipient_public_key()
    {
        // The all-zero u-coordinate yields an all-zero DH output, which RFC 9180 §7.1.4 forbids.
        FluentActions.Invoking(() => Hpke.SetupBaseSender(HpkeAead.Aes256Gcm, new byte[32], _info))
            .Should().Throw<System.Security.Cryptography.CryptographicException>();
    }
}
