using Kusabi.ChainAdmin.Network;

namespace Kusabi.Deploy.Tests;

/// <summary>generate-keys.sh run here (no Besu on this machine): its output meets the same rules as the committed network.</summary>
public sealed class GeneratedNetworkTests(GeneratedNetwork generated) : NetworkContractTests, IClassFixture<GeneratedNetwork>
{
    protected override NetworkFiles Files => new(generated.Directory);

    [Fact]
    public void The_script_succeeds_and_names_the_registry_address()
    {
        generated.ExitCode.Should().Be(0, generated.Output);
        generated.Output.Should().Contain(Files.RegistryEnv["Chain__ContractAddress"]);
    }

    [Fact]
    public void The_script_makes_new_keys_rather_than_copying_the_committed_ones()
    {
        Files.ValidatorAddresses.Should().NotIntersectWith(NetworkFiles.Committed.ValidatorAddresses);
        Files.AdminKey.Address.Should().NotBe(NetworkFiles.Committed.AdminKey.Address);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Private_key_files_are_readable_by_their_owner_only()
    {
        var secrets = Files.ValidatorNames.Select(n => Path.Combine(Files.Directory, n, "key"))
            .Concat(Directory.GetFiles(Path.Combine(Files.Directory, NetworkWriter.AccountsDirectory)));
        foreach (var file in secrets)
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
    }
}
