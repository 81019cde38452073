namespace Kusabi.Deploy.Tests;

/// <summary>The key check that the compose and Kubernetes tests rely on must itself refuse wrong keys.</summary>
public sealed class SiloSettingsTests
{
    [Theory]
    [InlineData("Kusabi__Profile")]
    [InlineData("Kusabi__Hosting")]
    [InlineData("Kusabi__Credentials__0__Sha256")]
    [InlineData("Chain__SignerPrivateKey")]
    [InlineData("Orleans__Kubernetes__DeleteDefunctSiloPods")]
    [InlineData("POD_NAME")]
    public void A_setting_the_silo_binds_is_recognised(string variable) => SiloSettings.Reads(variable).Should().BeTrue();

    [Theory]
    [InlineData("Kusabi__Profil")]
    [InlineData("Chain__PrivateKey")]
    [InlineData("Kusabi__Credentials__first__Sha256")]
    [InlineData("Kusabi__Credentials__0__Hash")]
    [InlineData("Kusabi")]
    [InlineData("REDIS_URL")]
    public void A_setting_the_silo_does_not_bind_is_refused(string variable) => SiloSettings.Reads(variable).Should().BeFalse();
}
