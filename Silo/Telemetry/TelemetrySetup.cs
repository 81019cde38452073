using Kusabi.Chain.Gateway;
using Kusabi.Chain.Telemetry;
using Kusabi.Grains.Telemetry;
using Kusabi.Silo.Security;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Kusabi.Silo.Telemetry;

/// <summary>Traces and metrics of the silo: what is collected, where it goes, who may scrape it.</summary>
public static class TelemetrySetup
{
    public const string ServiceName = "kusabi-silo";
    public const string MetricsPath = "/metrics";

    /// <summary>Span sources of one device request: HTTP in, grain calls, grain work, chain writes, JSON-RPC out.</summary>
    public static readonly IReadOnlyList<string> SpanSources =
    [
        GrainTelemetry.SourceName,
        ChainTracing.SourceName,
        ActivitySources.ApplicationGrainActivitySourceName,
        ActivitySources.LifecycleActivitySourceName,
        ActivitySources.StorageActivitySourceName,
    ];

    public static readonly IReadOnlyList<string> Meters =
        [GrainTelemetry.MeterName, GatewayMetrics.MeterName, SiloMetrics.MeterName, "Microsoft.Orleans"];

    public static WebApplicationBuilder AddKusabiTelemetry(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                if (settings.ExportsOtlp) metrics.AddOtlpExporter(otlp => Point(otlp, settings));
            });
        if (settings.Traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource([.. SpanSources])
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => HttpClientSpans.IsPartOfTrace(System.Diagnostics.Activity.Current));
                if (settings.ExportsOtlp) tracing.AddOtlpExporter(otlp => Point(otlp, settings));
            });
        }
        return builder;
    }

    /// <summary>Serves the Prometheus text format to viewers and operators only.</summary>
    public static IEndpointRouteBuilder MapKusabiMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (RoleFilter.Refusal(context, [ApiRole.Viewer, ApiRole.Operator]) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        }), optionsName: null);
        return app;
    }

    private static void Point(OtlpExporterOptions otlp, TelemetrySettings settings)
    {
        // Without Kusabi's own setting the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
        if (settings.OtlpEndpoint is not { } endpoint) return;
        otlp.Endpoint = endpoint;
        otlp.Protocol = OtlpExportProtocol.Grpc;
    }
}
