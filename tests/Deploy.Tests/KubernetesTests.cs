using YamlDotNet.RepresentationModel;

namespace Kusabi.Deploy.Tests;

/// <summary>deploy/k8s/kusabi-silo.yaml, parsed as multi-document YAML and checked for consistency.</summary>
public sealed class KubernetesTests
{
    private static readonly IReadOnlyList<YamlMappingNode> Documents = DeployFiles.Yaml(DeployFiles.Path("k8s", "kusabi-silo.yaml"));

    private static YamlMappingNode Of(string kind, string? name = null) =>
        Documents.Single(d => d.Text("kind") == kind && (name is null || d.Text("metadata", "name") == name));

    private static YamlMappingNode StatefulSet => Of("StatefulSet");
    private static YamlMappingNode PodSpec => StatefulSet.Map("spec", "template", "spec");
    private static YamlMappingNode Container => (YamlMappingNode)PodSpec.Items("containers").Single();
    private static Dictionary<string, string> PodLabels => StatefulSet.Scalars("spec", "template", "metadata", "labels");

    [Fact]
    public void The_manifest_holds_every_kind_a_silo_cluster_needs()
    {
        Documents.Select(d => d.Text("kind")).Should().Contain(
            ["ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service", "StatefulSet", "PodDisruptionBudget"]);
        StatefulSet.Text("spec", "replicas").Should().Be("3");
    }

    [Fact]
    public void Every_selector_matches_the_pod_template_labels()
    {
        var selectors = new[]
        {
            StatefulSet.Scalars("spec", "selector", "matchLabels"),
            Of("PodDisruptionBudget").Scalars("spec", "selector", "matchLabels"),
        }.Concat(Documents.Where(d => d.Text("kind") == "Service").Select(s => s.Scalars("spec", "selector")));

        foreach (var selector in selectors)
            selector.Should().NotBeEmpty().And.Subject.Should().BeSubsetOf(PodLabels);
        Of("Service", StatefulSet.Text("spec", "serviceName")).Text("spec", "clusterIP").Should().Be("None");
    }

    [Fact]
    public void The_pods_carry_the_orleans_cluster_labels_and_the_environment_kubernetes_hosting_reads()
    {
        PodLabels.Should().ContainKeys("orleans/clusterId", "orleans/serviceId");
        var env = Container.Items("env").Cast<YamlMappingNode>().ToDictionary(e => e.Text("name")!, e => e.Text("valueFrom", "fieldRef", "fieldPath"));

        env["POD_NAME"].Should().Be("metadata.name");
        env["POD_NAMESPACE"].Should().Be("metadata.namespace");
        env["POD_IP"].Should().Be("status.podIP");
        env["ORLEANS_CLUSTER_ID"].Should().Be("metadata.labels['orleans/clusterId']");
        env["ORLEANS_SERVICE_ID"].Should().Be("metadata.labels['orleans/serviceId']");
        Of("ConfigMap").Scalars("data")["Kusabi__Hosting"].Should().Be("kubernetes");
        Of("ConfigMap").Scalars("data")["Kusabi__ClusterId"].Should().Be(PodLabels["orleans/clusterId"]);
    }

    [Fact]
    public void The_role_lets_the_pods_service_account_get_list_watch_patch_and_delete_pods()
    {
        var rule = (YamlMappingNode)Of("Role").Items("rules").Single();
        rule.Strings("resources").Should().Equal("pods");
        rule.Strings("verbs").Should().Contain(["get", "list", "watch", "patch", "delete"]);

        var binding = Of("RoleBinding");
        binding.Text("roleRef", "name").Should().Be(Of("Role").Text("metadata", "name"));
        ((YamlMappingNode)binding.Items("subjects").Single()).Text("name").Should().Be(PodSpec.Text("serviceAccountName"));
        Of("ServiceAccount").Text("metadata", "name").Should().Be(PodSpec.Text("serviceAccountName"));
    }

    [Fact]
    public void Probes_ask_the_silo_health_endpoints_on_the_http_port()
    {
        Container.Text("readinessProbe", "httpGet", "path").Should().Be("/health");
        Container.Text("livenessProbe", "httpGet", "path").Should().Be("/health/live");
        Container.Text("startupProbe", "httpGet", "path").Should().Be("/health/live");
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
            Container.Text(probe, "httpGet", "port").Should().Be("http");
        ((YamlMappingNode)Container.Items("ports").First(p => ((YamlMappingNode)p).Text("name") == "http")).Text("containerPort")
            .Should().Be(Of("ConfigMap").Scalars("data")["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void Each_replica_reads_its_own_member_key_named_after_its_pod()
    {
        var replicas = int.Parse(StatefulSet.Text("spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture);
        var podNames = Enumerable.Range(0, replicas).Select(i => $"{StatefulSet.Text("metadata", "name")}-{i}").ToList();
        var secret = Of("Secret", "kusabi-silo-secrets").Scalars("stringData");
        var volume = (YamlMappingNode)PodSpec.Items("volumes").Single();

        secret.Keys.Should().Contain(podNames);
        volume.Items("secret", "items").Cast<YamlMappingNode>().Select(i => i.Text("path")).Should().BeEquivalentTo(podNames);
        var mount = ((YamlMappingNode)Container.Items("volumeMounts").Single()).Text("mountPath");
        Container.Strings("args").Single().Should().Contain($"Chain__SignerPrivateKey=\"$(cat {mount}/$POD_NAME)\"");
        secret.Values.Should().AllSatisfy(v => v.Should().StartWith("REPLACE"), "placeholders are clearly marked");
    }

    [Fact]
    public void The_disruption_budget_keeps_a_majority_of_silos_up()
    {
        Of("PodDisruptionBudget").Text("spec", "minAvailable").Should().Be("2");
    }

    [Fact]
    public void Every_configured_key_is_a_setting_the_silo_reads()
    {
        var keys = Of("ConfigMap").Scalars("data").Keys
            .Concat(Container.Items("env").Cast<YamlMappingNode>().Select(e => e.Text("name")!))
            .Append("Chain__SignerPrivateKey");

        keys.Where(k => !SiloSettings.Reads(k)).Should().BeEmpty();
    }
}
