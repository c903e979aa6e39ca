using System.Globalization;
using Azure.Identity;
using OpenTelemetry.Exporter;

namespace Assist.Functions.Hosting;

/// <summary>
/// Where and how much telemetry goes, from the standard variables: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>, <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>,
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>, and <c>Telemetry__SamplingRatio</c>. Read from configuration, not
/// only the process environment, so local.settings.json and command-line settings count too. Invalid values fail at startup.
/// </summary>
public sealed record TelemetrySettings(
    TelemetryExporter Exporter,
    Uri? OtlpEndpoint,
    OtlpExportProtocol OtlpProtocol,
    string? AzureMonitorConnectionString,
    ManagedIdentityId? AzureMonitorIdentity,
    string ServiceName,
    double SamplingRatio)
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string AzureMonitorConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AzureMonitorAuthenticationKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string SamplingRatioKey = "Telemetry:SamplingRatio";
    public const string DefaultServiceName = "assist";

    /// <summary>
    /// OTLP when an endpoint is set, else Azure Monitor when a connection string is set, else nothing. OTLP wins when
    /// both are set: in Azure the connection string is always there (the Functions host reports with it), while an OTLP
    /// endpoint is only ever set on purpose; a collector can still forward to Azure Monitor, and exporting every span
    /// twice would double the export work and the bill.
    /// </summary>
    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = OtlpEndpointFrom(configuration[OtlpEndpointKey]);
        var connectionString = configuration[AzureMonitorConnectionStringKey];
        connectionString = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString.Trim();
        var exporter = otlp is not null ? TelemetryExporter.Otlp
            : connectionString is not null ? TelemetryExporter.AzureMonitor
            : TelemetryExporter.None;

        var protocol = configuration[OtlpProtocolKey]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "GRPC" => OtlpExportProtocol.Grpc,
            "HTTP/PROTOBUF" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"{OtlpProtocolKey} '{other}' is not supported: use grpc or http/protobuf."),
        };

        var ratio = 1.0;
        var rawRatio = configuration[SamplingRatioKey];
        if (!string.IsNullOrWhiteSpace(rawRatio)
            && (!double.TryParse(rawRatio, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || ratio is < 0 or > 1))
        {
            throw new InvalidOperationException($"{SamplingRatioKey} '{rawRatio}' must be a number from 0 to 1.");
        }

        var serviceName = configuration[ServiceNameKey];
        return new TelemetrySettings(
            exporter,
            otlp,
            protocol,
            connectionString,
            IdentityFrom(configuration[AzureMonitorAuthenticationKey]),
            string.IsNullOrWhiteSpace(serviceName) ? DefaultServiceName : serviceName,
            ratio);
    }

    private static Uri? OtlpEndpointFrom(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp) || (otlp.Scheme != Uri.UriSchemeHttp && otlp.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{OtlpEndpointKey} '{endpoint}' is not an absolute http(s) URI.");
        }

        return otlp;
    }

    /// <summary>
    /// The Functions host's format, <c>Authorization=AAD;ClientId=…</c> (no client id: the system-assigned identity).
    /// The Azure Monitor exporter does not read this variable itself, and the Application Insights resource accepts
    /// only Entra-authenticated telemetry (local authentication is off in <c>infra/monitoring.bicep</c>).
    /// </summary>
    private static ManagedIdentityId? IdentityFrom(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            parts[pair[0]] = pair.Length == 2 ? pair[1] : "";
        }

        if (!parts.TryGetValue("Authorization", out var scheme) || !string.Equals(scheme, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{AzureMonitorAuthenticationKey} must be 'Authorization=AAD' with an optional ';ClientId=<client id>'.");
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned;
    }
}
