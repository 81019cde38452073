using Kusabi.Protocol.Crypto;
using Kusabi.Protocol.Tests.Support;
using static Kusabi.Protocol.Tests.Support.HpkeVector;

namespace Kusabi.Protocol.Tests.Crypto;

/// <summary>
/// RFC 9180 Appendix A base-mode vectors for DHKEM(X25519, HKDF-SHA256) + HKDF-SHA256, for
/// AES-128-GCM (A.1) and ChaCha20-Poly1305 (A.2): every intermediate value is pinned, not just
/// the round trip, so a mistake in any step of the construction is caught where it happens.
/// </summary>
public sealed class HpkeRfc9180VectorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Vector_file_describes_the_suite_this_library_implements(int aeadId)
    {
        var v = ForAead(aeadId);

        v.Mode.Should().Be(0, "only base mode is implemented");
        v.KemId.Should().Be(DhKemX25519.KemId);
        v.KdfId.Should().Be(1);
        v.Encryptions.Should().HaveCount(6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void DeriveKeyPair_reproduces_the_ephemeral_and_recipient_keys(int aeadId)
    {
        var v = ForAead(aeadId);

        using var ephemeral = DhKemX25519.DeriveKeyPair(Bytes(v.IkmE));
        using var recipient = DhKemX25519.DeriveKeyPair(Bytes(v.IkmR));

        ephemeral.ExportPrivateKey().Should().Equal(Bytes(v.SkEm));
        ephemeral.PublicKey.ToArray().Should().Equal(Bytes(v.PkEm));
        recipient.ExportPrivateKey().Should().Equal(Bytes(v.SkRm));
        recipient.PublicKey.ToArray().Should().Equal(Bytes(v.PkRm));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Encap_with_the_vector_ephemeral_key_gives_enc_and_shared_secret(int aeadId)
    {
        var v = ForAead(aeadId);
        using var ephemeral = X25519KeyPair.Import(Bytes(v.SkEm));

        var encapsulation = DhKemX25519.Encap(Bytes(v.PkRm), ephemeral);

        encapsulation.EncapsulatedKey.Should().Equal(Bytes(v.Enc));
        encapsulation.SharedSecret.Should().Equal(Bytes(v.SharedSecret));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Decap_recovers_the_shared_secret(int aeadId)
    {
        var v = ForAead(aeadId);
        using var recipient = X25519KeyPair.Import(Bytes(v.SkRm));

        DhKemX25519.Decap(Bytes(v.Enc), recipient).Should().Equal(Bytes(v.SharedSecret));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Key_schedule_gives_context_secret_key_base_nonce_and_exporter_secret(int aeadId)
    {
        var v = ForAead(aeadId);

        var material = HpkeKeySchedule.Base(v.Aead, Bytes(v.SharedSecret), Bytes(v.Info));

        material.KeyScheduleContext.Should().Equal(Bytes(v.KeyScheduleContext));
        material.Secret.Should().Equal(Bytes(v.Secret));
        material.Key.Should().Equal(Bytes(v.Key));
        material.BaseNonce.Should().Equal(Bytes(v.BaseNonce));
        material.ExporterSecret.Should().Equal(Bytes(v.ExporterSecret));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Sender_context_from_the_vector_seals_all_six_encryptions(int aeadId)
    {
        var v = ForAead(aeadId);
        using var ephemeral = DhKemX25519.DeriveKeyPair(Bytes(v.IkmE));
        using var sender = Hpke.SetupBaseSender(v.Aead, Bytes(v.PkRm), Bytes(v.Info), ephemeral);

        sender.EncapsulatedKey.ToArray().Should().Equal(Bytes(v.Enc));
        foreach (var e in v.Encryptions)
        {
            // The vectors skip sequence numbers (0, 1, 2, 4, 255, 256), so jump the counter.
            sender.SequenceNumber = e.SequenceNumber;
            sender.ComputeNonce(e.SequenceNumber).Should().Equal(Bytes(e.Nonce), $"nonce for seq {e.SequenceNumber}");

            sender.Seal(Bytes(e.Aad), Bytes(e.Plaintext)).Should().Equal(Bytes(e.Ciphertext), $"ciphertext for seq {e.SequenceNumber}");
            sender.SequenceNumber.Should().Be(e.SequenceNumber + 1);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Recipient_context_from_the_vector_opens_all_six_encryptions(int aeadId)
    {
        var v = ForAead(aeadId);
        using var recipient = DhKemX25519.DeriveKeyPair(Bytes(v.IkmR));
        using var context = Hpke.SetupBaseRecipient(v.Aead, Bytes(v.Enc), recipient, Bytes(v.Info));

        foreach (var e in v.Encryptions)
        {
            context.SequenceNumber = e.SequenceNumber;
            context.Open(Bytes(e.Aad), Bytes(e.Ciphertext)).Should().Equal(Bytes(e.Plaintext), $"plaintext for seq {e.SequenceNumber}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Exported_secrets_match_on_both_sides(int aeadId)
    {
        var v = ForAead(aeadId);
        using var ephemeral = DhKemX25519.DeriveKeyPair(Bytes(v.IkmE));
        using var recipientKey = DhKemX25519.DeriveKeyPair(Bytes(v.IkmR));
        using var sender = Hpke.SetupBaseSender(v.Aead, Bytes(v.PkRm), Bytes(v.Info), ephemeral);
        using var recipient = Hpke.SetupBaseRecipient(v.Aead, Bytes(v.Enc), recipientKey, Bytes(v.Info));

        var exports = v.Exports ?? Rfc9180Exports.For(aeadId);
        exports.Should().NotBeEmpty();
        foreach (var x in exports)
        {
            sender.Export(Bytes(x.ExporterContext), x.Length).Should().Equal(Bytes(x.ExportedValue));
            recipient.Export(Bytes(x.ExporterContext), x.Length).Should().Equal(Bytes(x.ExportedValue));
        }
    }
}
