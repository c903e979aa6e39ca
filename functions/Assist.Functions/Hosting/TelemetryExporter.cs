namespace Assist.Functions.Hosting;

/// <summary>Where the app's traces and metrics go; chosen from configuration by <see cref="TelemetrySettings.From"/>.</summary>
public enum TelemetryExporter
{
    /// <summary>Nothing is exported, so no tracer or meter provider is built and nothing listens.</summary>
    None,

    /// <summary>An OpenTelemetry collector at <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    Otlp,

    /// <summary>Application Insights named by <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.</summary>
    AzureMonitor,
}
