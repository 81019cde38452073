namespace Kusabi.Silo.Telemetry;

/// <summary>
/// Where telemetry goes. Exporting over OTLP is on only when an endpoint is configured, either as
/// Kusabi:Telemetry:OtlpEndpoint (an OTLP/gRPC endpoint) or through the standard
/// OTEL_EXPORTER_OTLP_ENDPOINT variable (then every other OTEL_EXPORTER_OTLP_* variable applies too).
/// </summary>
public sealed record TelemetrySettings(Uri? OtlpEndpoint, bool StandardOtlpVariables, bool Traces)
{
    public const string OtlpEndpointKey = "Kusabi:Telemetry:OtlpEndpoint";
    public const string TracesKey = "Kusabi:Telemetry:Traces";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public bool ExportsOtlp => OtlpEndpoint is not null || StandardOtlpVariables;

    /// <summary>
    /// Reads the settings; spans are recorded when something will export them (or when asked to,
    /// e.g. for an in-process exporter), since recording spans nobody reads only costs time.
    /// </summary>
    public static TelemetrySettings From(IConfiguration configuration)
    {
        Uri? endpoint = null;
        if (configuration[OtlpEndpointKey] is { Length: > 0 } configured)
        {
            if (!Uri.TryCreate(configured, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
                throw new InvalidOperationException($"{OtlpEndpointKey} '{configured}' is not an absolute http(s) URL.");
        }
        var standard = endpoint is null && !string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]);
        var traces = endpoint is not null || standard || configuration.GetValue<bool>(TracesKey);
        return new TelemetrySettings(endpoint, standard, traces);
    }
}
