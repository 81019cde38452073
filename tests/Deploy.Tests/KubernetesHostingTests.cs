using System.Net;
using Kusabi.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Kusabi.Deploy.Tests;

/// <summary>
/// Kusabi:Hosting=kubernetes hands the silo's name, address and identity to Orleans' Kubernetes
/// hosting. The host is built, not started: nothing connects to Redis, the chain or a Kubernetes API.
/// </summary>
[Collection(PodEnvironment.Name)]
public sealed class KubernetesHostingTests
{
    private static WebApplication Build(string hosting) => SiloApplication.Build([
        "--Kusabi:Profile=durable", "--Kusabi:Redis=127.0.0.1:1", $"--Kusabi:Hosting={hosting}",
        "--Kusabi:SiloPort=21111", "--Kusabi:GatewayPort=23000",
        "--Kusabi:FactoryTokenHashes:0=" + new string('a', 64),
    ]);

    [Fact]
    public void Kubernetes_hosting_names_the_silo_after_its_pod_and_advertises_the_pod_ip()
    {
        using var pod = PodEnvironment.Set("kusabi-silo-1", "kusabi", "127.0.0.2", "prod-cluster");
        using var app = Build("kubernetes");

        app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName.Should().Be("kusabi-silo-1");
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        endpoints.AdvertisedIPAddress.Should().Be(IPAddress.Parse("127.0.0.2"));
        endpoints.SiloListeningEndpoint.Should().Be(new IPEndPoint(IPAddress.Any, 21111));
        endpoints.GatewayListeningEndpoint.Should().Be(new IPEndPoint(IPAddress.Any, 23000));
        app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId.Should().Be("prod-cluster");
    }

    [Fact]
    public void Local_hosting_ignores_the_pod_environment_and_uses_the_configured_address()
    {
        using var pod = PodEnvironment.Set("kusabi-silo-1", "kusabi", "127.0.0.2", "prod-cluster");
        using var app = Build("local");

        app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.SiloName.Should().NotBe("kusabi-silo-1");
        var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        endpoints.AdvertisedIPAddress.Should().Be(IPAddress.Loopback);
        app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId.Should().Be("kusabi");
    }

    [Fact]
    public void An_unknown_hosting_value_stops_the_silo_with_a_clear_message()
    {
        var build = () => Build("swarm");

        build.Should().Throw<InvalidOperationException>().WithMessage("*Kusabi:Hosting 'swarm'*");
    }

    [Fact]
    public void The_silo_maps_the_health_paths_the_probes_ask()
    {
        using var app = Build("local");
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText);

        routes.Should().Contain(["/health", "/health/live"]);
    }
}
