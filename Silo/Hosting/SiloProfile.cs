namespace Kusabi.Silo.Hosting;

/// <summary>Chooses cluster membership and storage by configuration only.</summary>
public static class SiloProfile
{
    public const string GrainStorage = "devices";

    public static void Configure(ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(KusabiOptions.Section).Get<KusabiOptions>() ?? new KusabiOptions();
        var profile = settings.Profile;
        switch (profile)
        {
            case "embedded":
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
                silo.AddMemoryGrainStorage(GrainStorage);
                silo.UseInMemoryReminderService();
                break;
            default:
                throw new InvalidOperationException($"Unknown profile '{profile}': use 'embedded' or 'durable'.");
        }
    }
}
