using Kusabi.Protocol.Crypto;

namespace Kusabi.Protocol.Tests.Crypto;

public sealed class Ed25519Tests
{
    // RFC 8032 §7.1, TEST 1 (empty message).
    private static readonly byte[] _rfcSeed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static readonly byte[] _rfcPublicKey = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static readonly byte[] _rfcSignature = Convert.FromHexString(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    private static readonly byte[] _message = "register key"u8.ToArray();

    [Fact]
    public void The_rfc8032_vector_is_reproduced()
    {
        using var keyPair = Ed25519KeyPair.Import(_rfcSeed);

        keyPair.PublicKey.ToArray().Should().Equal(_rfcPublicKey);
        keyPair.Sign([]).Should().Equal(_rfcSignature);
        Ed25519Signer.Verify(_rfcPublicKey, [], _rfcSignature).Should().BeTrue();
    }

    [Fact]
    public void A_generated_key_signs_and_verifies()
    {
        using var keyPair = Ed25519KeyPair.Generate();

        var signature = keyPair.Sign(_message);

        keyPair.PublicKey.Length.Should().Be(Ed25519KeyPair.PublicKeySize);
        signature.Should().HaveCount(Ed25519KeyPair.SignatureSize);
        Ed25519Signer.Verify(keyPair.PublicKey, _message, signature).Should().BeTrue();
    }

    [Fact]
    public void The_exported_seed_imports_to_the_same_key()
    {
        using var original = Ed25519KeyPair.Generate();
        var seed = original.ExportPrivateSeed();

        using var restored = Ed25519KeyPair.Import(seed);

        seed.Should().HaveCount(Ed25519KeyPair.PrivateSeedSize);
        restored.PublicKey.ToArray().Should().Equal(original.PublicKey.ToArray());
        Ed25519Signer.Sign(seed, _message).Should().Equal(original.Sign(_message));
    }

    [Fact]
    public void A_changed_message_or_signature_does_not_verify()
    {
        using var keyPair = Ed25519KeyPair.Generate();
        var signature = keyPair.Sign(_message);
        var tampered = signature.ToArray();
        tampered[10] ^= 0x01;

        Ed25519Signer.Verify(keyPair.PublicKey, "register kez"u8, signature).Should().BeFalse();
        Ed25519Signer.Verify(keyPair.PublicKey, _message, tampered).Should().BeFalse();
    }

    [Fact]
    public void Another_public_key_does_not_verify()
    {
        using var signer = Ed25519KeyPair.Generate();
        using var other = Ed25519KeyPair.Generate();

        Ed25519Signer.Verify(other.PublicKey, _message, signer.Sign(_message)).Should().BeFalse();
    }

    [Fact]
    public void Malformed_keys_and_signatures_verify_false_instead_of_throwing()
    {
        using var keyPair = Ed25519KeyPair.Generate();
        var signature = keyPair.Sign(_message);

        Ed25519Signer.Verify(keyPair.PublicKey[..31], _message, signature).Should().BeFalse();
        Ed25519Signer.Verify(keyPair.PublicKey, _message, signature[..63]).Should().BeFalse();
        Ed25519Signer.Verify([], _message, []).Should().BeFalse();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(64)]
    public void Seeds_other_than_32_bytes_are_rejected(int length)
    {
        FluentActions.Invoking(() => Ed25519KeyPair.Import(new byte[length])).Should().Throw<ArgumentException>();
    }
}
