using Kusabi.Protocol.Crypto;

namespace Kusabi.Protocol.Tests.Crypto;

public sealed class X25519KeyPairTests
{
    [Fact]
    public void The_rfc7748_public_key_is_derived_from_the_private_key()
    {
        // RFC 7748 §6.1, Alice.
        var privateKey = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

        using var keyPair = X25519KeyPair.Import(privateKey);

        keyPair.PublicKey.ToArray().Should().Equal(
            Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
        keyPair.ExportPrivateKey().Should().Equal(privateKey);
    }

    [Fact]
    public void A_generated_key_exports_and_imports_unchanged()
    {
        using var original = X25519KeyPair.Generate();
        var privateKey = original.ExportPrivateKey();

        using var restored = X25519KeyPair.Import(privateKey);

        privateKey.Should().HaveCount(X25519KeyPair.PrivateKeySize);
        original.PublicKey.Length.Should().Be(X25519KeyPair.PublicKeySize);
        restored.PublicKey.ToArray().Should().Equal(original.PublicKey.ToArray());
    }

    [Fact]
    public void Generated_keys_differ()
    {
        using var first = X25519KeyPair.Generate();
        using var second = X25519KeyPair.Generate();

        first.PublicKey.ToArray().Should().NotEqual(second.PublicKey.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Private_keys_other_than_32_bytes_are_rejected(int length)
    {
        FluentActions.Invoking(() => X25519KeyPair.Import(new byte[length])).Should().Throw<ArgumentException>();
    }
}
