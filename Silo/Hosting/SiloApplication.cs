using Kusabi.Chain.Gateway;
using Kusabi.Grains.Activation;
using Kusabi.Grains.Updates;
using Kusabi.Silo.Chain;
using Kusabi.Silo.Endpoints;
using Kusabi.Silo.Fleet;
using Kusabi.Silo.Security;
using Kusabi.Silo.Telemetry;
using Kusabi.Silo.Updates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace Kusabi.Silo.Hosting;

/// <summary>Builds the silo web host; shared by Program and the tests so both run the same wiring.</summary>
public static class SiloApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The management screen ships beside the binaries, so it is found wherever the silo is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        configure?.Invoke(builder);

        builder.Services.Configure<KusabiOptions>(builder.Configuration.GetSection(KusabiOptions.Section));
        builder.Services.Configure<ChainOptions>(builder.Configuration.GetSection(ChainOptions.Section));
        builder.Services.AddSingleton<ChainRuntime>();
        builder.Services.AddHostedService<ChainStartupService>();
        builder.Services.AddSingleton<IActivationChain, GatewayActivationChain>();
        builder.Services.AddSingleton<PreKeyResolver>();
        builder.Services.AddSingleton<ApiCredentials>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<ActivationSettings>(builder.Configuration.GetSection("Activation"));
        builder.Services.Configure<UpdateSettings>(builder.Configuration.GetSection("Updates"));
        builder.Services.AddSingleton<ArtifactStore>();
        builder.Services.AddSingleton<FleetQuery>();
        builder.Services.AddProblemDetails();
        builder.AddKusabiTelemetry();

        builder.UseOrleans(silo =>
        {
            SiloProfile.Configure(silo, builder.Configuration);
            silo.AddDashboard();
        });

        var app = builder.Build();
        app.Services.GetRequiredService<ApiCredentials>(); // fail fast on missing credentials
        app.UseKusabiErrors();
        // The management screen is static code only; every piece of data it shows comes from the
        // operator API, which requires a bearer token.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapHealth();
        app.MapActivation();
        app.MapFactory();
        app.MapDeviceUpdates();
        app.MapReleases();
        app.MapDeployments();
        app.MapFleet();
        app.MapUpdateDirectory();
        app.MapChainStatus();
        app.MapSession();
        app.MapKusabiDashboard();
        app.MapKusabiMetrics();
        return app;
    }
}
