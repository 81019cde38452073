using Kusabi.ChainAdmin.Network;
using YamlDotNet.RepresentationModel;

namespace Kusabi.Deploy.Tests;

/// <summary>deploy/compose/docker-compose.yml, parsed (merge keys applied) and checked against the network files and the silo's settings.</summary>
public sealed class ComposeTests
{
    private static readonly string ComposeDirectory = DeployFiles.Path("compose");
    private static readonly YamlMappingNode Compose = DeployFiles.Yaml(Path.Combine(ComposeDirectory, "docker-compose.yml")).Single();
    private static readonly string[] Silos = ["silo-1", "silo-2", "silo-3"];

    private static YamlMappingNode Service(string name) => Compose.Map("services", name);

    private static Dictionary<string, string> Environment(string service)
    {
        var all = new Dictionary<string, string>();
        foreach (var file in Service(service).Strings("env_file"))
            foreach (var (key, value) in DeployFiles.EnvFile(Path.GetFullPath(Path.Combine(ComposeDirectory, file))))
                all[key] = value;
        foreach (var (key, value) in Service(service).Scalars("environment")) all[key] = value;
        return all;
    }

    [Fact]
    public void Four_validators_run_a_pinned_besu_image_each_with_its_own_config()
    {
        for (var i = 1; i <= 4; i++)
        {
            var validator = Service($"validator-{i}");
            validator.Text("image").Should().MatchRegex(@"^hyperledger/besu:\d+\.\d+\.\d+$");
            validator.Strings("command").Should().Equal($"--config-file=/config/validator-{i}/config.toml");
            validator.Strings("volumes").Should().Contain("../besu:/config:ro");
            validator.Text("networks", "chain", "ipv4_address").Should().Be(NetworkPlan.ComposeValidatorHosts[i - 1]);
        }
    }

    [Fact]
    public void Redis_appends_every_write_and_fsyncs_it_before_answering()
    {
        var command = Service("redis").Strings("command");

        command.Should().ContainInConsecutiveOrder("--appendonly", "yes").And.ContainInConsecutiveOrder("--appendfsync", "always");
        Service("redis").Strings("volumes").Should().Contain(v => v.EndsWith(":/data"));
    }

    [Fact]
    public void The_registry_job_deploys_once_and_admits_the_members_of_the_network()
    {
        var job = Service("registry");

        job.Text("build", "target").Should().Be("chain-admin");
        job.Strings("command").Should().StartWith("registry").And.ContainInConsecutiveOrder("--network", "/config/network.json")
            .And.ContainInConsecutiveOrder("--admin-key-file", "/config/accounts/admin.key");
        job.Text("restart").Should().Be("no");
    }

    [Fact]
    public void Every_silo_starts_after_the_registry_job_and_redis_are_ready()
    {
        foreach (var silo in Silos)
        {
            Service(silo).Text("depends_on", "registry", "condition").Should().Be("service_completed_successfully", silo);
            Service(silo).Text("depends_on", "redis", "condition").Should().Be("service_healthy", silo);
        }
    }

    [Fact]
    public void Three_durable_silos_share_one_cluster_and_registry_but_sign_with_distinct_member_keys()
    {
        var environments = Silos.Select(Environment).ToList();

        environments.Should().AllSatisfy(e =>
        {
            e["Kusabi__Profile"].Should().Be("durable");
            e["Kusabi__Redis"].Should().Be("redis:6379");
        });
        environments.Select(e => e["Kusabi__ClusterId"]).Distinct().Should().ContainSingle();
        environments.Select(e => e["Chain__ContractAddress"]).Distinct().Should().ContainSingle();
        var signers = environments.Select(e => NodeKey.FromPrivateKey(e["Chain__SignerPrivateKey"]).Address).ToList();
        signers.Should().OnlyHaveUniqueItems();
        NetworkFiles.Lower(signers).Should().BeSubsetOf(NetworkFiles.Strings(NetworkFiles.Committed.Permissions, "accounts-allowlist"));
    }

    [Fact]
    public void Each_silo_advertises_its_own_address_on_the_chain_network()
    {
        foreach (var silo in Silos)
            Environment(silo)["Kusabi__AdvertisedAddress"].Should().Be(Service(silo).Text("networks", "chain", "ipv4_address"), silo);
    }

    [Fact]
    public void Every_environment_key_of_a_silo_is_a_setting_the_silo_reads()
    {
        foreach (var silo in Silos)
            Environment(silo).Keys.Where(k => !SiloSettings.Reads(k)).Should().BeEmpty(silo);
    }

    [Fact]
    public void The_images_are_built_from_the_silo_dockerfile_stages()
    {
        var dockerfile = File.ReadAllText(DeployFiles.Path("Silo.Dockerfile"));
        foreach (var service in Silos.Append("registry"))
        {
            Service(service).Text("build", "dockerfile").Should().Be("deploy/Silo.Dockerfile");
            dockerfile.Should().Contain($" AS {Service(service).Text("build", "target")}");
        }
        dockerfile.Should().Contain("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build").And.Contain("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS silo");
    }
}
