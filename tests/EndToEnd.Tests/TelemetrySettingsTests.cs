using System.Diagnostics;
using Kusabi.Silo.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Kusabi.EndToEnd.Tests;

public sealed class TelemetrySettingsTests
{
    [Fact]
    public void With_nothing_configured_nothing_is_exported_and_no_spans_are_recorded()
    {
        var settings = From();

        settings.ExportsOtlp.Should().BeFalse();
        settings.Traces.Should().BeFalse();
    }

    [Fact]
    public void Kusabi_own_endpoint_turns_on_otlp_export_and_spans()
    {
        var settings = From((TelemetrySettings.OtlpEndpointKey, "http://collector:4317"));

        settings.OtlpEndpoint.Should().Be(new Uri("http://collector:4317"));
        settings.ExportsOtlp.Should().BeTrue();
        settings.Traces.Should().BeTrue();
    }

    [Fact]
    public void The_standard_variable_turns_on_otlp_export_left_to_the_exporter_to_read()
    {
        var settings = From((TelemetrySettings.StandardEndpointKey, "http://collector:4318"));

        settings.StandardOtlpVariables.Should().BeTrue();
        settings.OtlpEndpoint.Should().BeNull("the exporter reads OTEL_EXPORTER_OTLP_* itself, protocol and paths included");
        settings.Traces.Should().BeTrue();
    }

    [Fact]
    public void Kusabi_own_endpoint_wins_over_the_standard_variable()
    {
        var settings = From((TelemetrySettings.OtlpEndpointKey, "http://a:4317"), (TelemetrySettings.StandardEndpointKey, "http://b:4318"));

        settings.OtlpEndpoint.Should().Be(new Uri("http://a:4317"));
        settings.StandardOtlpVariables.Should().BeFalse();
    }

    [Fact]
    public void Spans_can_be_recorded_without_an_exporter_when_asked_for()
    {
        From((TelemetrySettings.TracesKey, "true")).Traces.Should().BeTrue();
    }

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("ftp://collector")]
    [InlineData("not a url")]
    public void An_endpoint_that_is_not_an_absolute_http_url_stops_the_silo_at_start(string endpoint)
    {
        var read = () => From((TelemetrySettings.OtlpEndpointKey, endpoint));

        read.Should().Throw<InvalidOperationException>().WithMessage($"*{TelemetrySettings.OtlpEndpointKey}*");
    }

    [Fact]
    public void An_outgoing_call_is_recorded_only_inside_a_trace_already_under_way()
    {
        using var source = new ActivitySource("Kusabi.Tests.HttpClientSpans");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using (var lone = source.StartActivity("poll", ActivityKind.Client, parentContext: default))
            HttpClientSpans.IsPartOfTrace(lone).Should().BeFalse();
        using var batch = source.StartActivity("batch", ActivityKind.Client, parentContext: default);
        using var call = source.StartActivity("call", ActivityKind.Client);
        HttpClientSpans.IsPartOfTrace(call).Should().BeTrue();
        HttpClientSpans.IsPartOfTrace(null).Should().BeFalse();
    }

    private static TelemetrySettings From(params (string Key, string Value)[] values) =>
        TelemetrySettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());
}
