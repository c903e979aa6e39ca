using System.Globalization;
using OpenTelemetry.Exporter;

namespace Assist.Functions.Hosting;

/// <summary>
/// Where and how much telemetry goes, from the standard OpenTelemetry variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>) and
/// <c>Telemetry__SamplingRatio</c>. Read from configuration, not only the process environment, so
/// local.settings.json and command-line settings count too.
/// </summary>
public sealed record TelemetrySettings(Uri? OtlpEndpoint, OtlpExportProtocol Protocol, string ServiceName, double SamplingRatio)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string SamplingRatioKey = "Telemetry:SamplingRatio";
    public const string DefaultServiceName = "assist";

    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[EndpointKey];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out otlp) || (otlp.Scheme != Uri.UriSchemeHttp && otlp.Scheme != Uri.UriSchemeHttps)))
        {
            throw new InvalidOperationException($"{EndpointKey} '{endpoint}' is not an absolute http(s) URI.");
        }

        var protocol = configuration[ProtocolKey]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "GRPC" => OtlpExportProtocol.Grpc,
            "HTTP/PROTOBUF" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{ProtocolKey} '{other}' is not supported: use grpc or http/protobuf."),
        };

        var ratio = 1.0;
        var rawRatio = configuration[SamplingRatioKey];
        if (!string.IsNullOrWhiteSpace(rawRatio)
            && (!double.TryParse(rawRatio, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || ratio is < 0 or > 1))
        {
            throw new InvalidOperationException($"{SamplingRatioKey} '{rawRatio}' must be a number from 0 to 1.");
        }

        var serviceName = configuration[ServiceNameKey];
        return new TelemetrySettings(otlp, protocol, string.IsNullOrWhiteSpace(serviceName) ? DefaultServiceName : serviceName, ratio);
    }

    /// <summary>
    /// The endpoint for one signal. With http/protobuf an explicitly set endpoint is used as is by the exporter,
    /// so the signal path (<c>/v1/traces</c>, <c>/v1/metrics</c>) is appended here, as the OTLP spec asks of the base variable.
    /// </summary>
    public Uri? SignalEndpoint(string signalPath)
    {
        if (OtlpEndpoint is null || Protocol == OtlpExportProtocol.Grpc)
        {
            return OtlpEndpoint;
        }

        return new Uri(OtlpEndpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath.TrimStart('/'));
    }
}
