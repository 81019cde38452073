using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Kusabi.Silo.Hosting;

/// <summary>Chooses cluster membership and storage by configuration only.</summary>
public static class SiloProfile
{
    public const string GrainStorage = "devices";

    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(KusabiOptions.Section).Get<KusabiOptions>() ?? new KusabiOptions();
        // Grain calls carry the caller's trace context, so one device request is one trace.
        silo.AddActivityPropagation();
        switch (settings.Profile)
        {
            case "embedded":
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
                // Nothing is kept across restarts, so the state is copied with Orleans' own binary
                // serializer rather than the default JSON one, which cost ~7% of the silo's CPU under load.
                silo.AddMemoryGrainStorage(GrainStorage, (OptionsBuilder<MemoryGrainStorageOptions> options) =>
                    options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
                silo.UseInMemoryReminderService();
                break;
            case "durable":
                ConfigureDurable(silo, settings, configuration);
                break;
            default:
                throw new InvalidOperationException($"Unknown profile '{settings.Profile}': use 'embedded' or 'durable'.");
        }
    }

    /// <summary>
    /// Redis for membership, grain state and reminders, through Orleans' own providers. Grain state
    /// is keyed by ServiceId, so it survives a restart of every silo.
    /// </summary>
    private static void ConfigureDurable(ISiloBuilder silo, KusabiOptions settings, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(settings.Redis))
            throw new InvalidOperationException("The durable profile needs Kusabi:Redis (a StackExchange.Redis connection string).");
        // Failure detection can be tuned (tests use faster probes); defaults are Orleans'.
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        ConfigureEndpoints(silo, settings);
        silo.UseRedisClustering(options => options.ConfigurationOptions = Redis(settings.Redis));
        silo.AddRedisGrainStorage(GrainStorage, options => options.ConfigurationOptions = Redis(settings.Redis));
        silo.UseRedisReminderService(options => options.ConfigurationOptions = Redis(settings.Redis));
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, KusabiOptions settings)
    {
        switch (settings.Hosting.ToLowerInvariant())
        {
            case "kubernetes":
                // Orleans' Kubernetes hosting names the silo after its pod, advertises the pod IP, listens on
                // every address and takes the cluster identity from ORLEANS_CLUSTER_ID/ORLEANS_SERVICE_ID.
                silo.Configure<EndpointOptions>(options =>
                {
                    options.SiloPort = settings.SiloPort;
                    options.GatewayPort = settings.GatewayPort;
                    // Set here so the pod IP wins over an address Orleans would pick from the host's interfaces.
                    if (IPAddress.TryParse(Environment.GetEnvironmentVariable(Orleans.Hosting.Kubernetes.KubernetesHostingOptions.PodIPEnvironmentVariable), out var podIp))
                        options.AdvertisedIPAddress = podIp;
                });
                // Orleans:Kubernetes tunes it (e.g. DeleteDefunctSiloPods lets the cluster delete the pods of dead silos).
                silo.UseKubernetesHosting(options => options.BindConfiguration("Orleans:Kubernetes"));
                break;
            case "local":
                if (!IPAddress.TryParse(settings.AdvertisedAddress, out var address))
                    throw new InvalidOperationException($"Kusabi:AdvertisedAddress '{settings.AdvertisedAddress}' is not an IP address.");
                silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
                break;
            default:
                throw new InvalidOperationException($"Unknown Kusabi:Hosting '{settings.Hosting}': use 'local' or 'kubernetes'.");
        }
    }

    private static ConfigurationOptions Redis(string connection)
    {
        var options = ConfigurationOptions.Parse(connection);
        // Keep retrying while Redis restarts instead of failing the silo at start-up.
        options.AbortOnConnectFail = false;
        return options;
    }
}
