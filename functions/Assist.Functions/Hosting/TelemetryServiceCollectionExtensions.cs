using System.Diagnostics;
using System.Reflection;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Assist.Functions.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The Azure SDK's activity sources: one per client (<c>Azure.Data.Tables.TableClient</c>,
    /// <c>Azure.Storage.Blobs.BlobContainerClient</c>, …) and <c>Azure.Core.Http</c> for each attempt on the wire. The
    /// storage SDKs used here trace through them without the <c>Azure.Experimental.EnableActivitySource</c> switch,
    /// which Azure.Core now asks only of its messaging libraries.
    /// </summary>
    private const string AzureSdkSources = "Azure.*";

    /// <summary>Azure.Core's per-attempt HTTP span, the parent of the HttpClient span it would duplicate.</summary>
    private const string AzureCoreHttpSource = "Azure.Core.Http";

    /// <summary>
    /// What the app observes — ASP.NET Core, HttpClient, the runtime, the Azure SDK and <see cref="AssistTelemetry"/> —
    /// and the exporter <see cref="TelemetrySettings"/> chose. The instrumentation only configures the tracer and meter
    /// providers; <c>AddOpenTelemetry</c> builds them only when there is an exporter, so with none nothing listens
    /// (tests add an in-memory exporter the same way, with <c>AddOpenTelemetry()</c>).
    /// </summary>
    public static IServiceCollection AddAssistTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);

        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .ConfigureResource(resource => Describe(resource, settings))
            .AddAspNetCoreInstrumentation()
            // Azure.Core sends over HttpClient inside its own client span, which already says all that one would.
            .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => Activity.Current?.Parent?.Source.Name != AzureCoreHttpSource)
            .AddSource(AssistTelemetry.Name, AzureSdkSources));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .ConfigureResource(resource => Describe(resource, settings))
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(AssistTelemetry.Name));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.ConfigureResource(resource => Describe(resource, settings)));

        switch (settings.Exporter)
        {
            case TelemetryExporter.Otlp:
                // All signals (logs too); for http/protobuf the exporter appends /v1/traces, /v1/metrics, /v1/logs.
                services.AddOpenTelemetry().UseOtlpExporter(settings.OtlpProtocol, settings.OtlpEndpoint!);
                break;
            case TelemetryExporter.AzureMonitor:
                // Traces and metrics only: the exporter, not the distro, so instrumentation and sampling stay as declared here.
                // With APPLICATIONINSIGHTS_AUTHENTICATION_STRING the exports carry the managed identity's Entra token.
                var credential = settings.AzureMonitorIdentity is { } identity ? new ManagedIdentityCredential(identity) : null;
                services.AddOpenTelemetry()
                    .WithTracing(tracing => tracing.AddAzureMonitorTraceExporter(exporter => exporter.ConnectionString = settings.AzureMonitorConnectionString, credential))
                    .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter(exporter => exporter.ConnectionString = settings.AzureMonitorConnectionString, credential));
                break;
            case TelemetryExporter.None:
                break;
        }

        // Last, so it replaces the sampler an exporter brings (Azure Monitor's is rate-limited): follow the caller's
        // decision, else keep Telemetry:SamplingRatio of new traces, whichever exporter is used.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.SetSampler(new ParentBasedSampler(
            settings.SamplingRatio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(settings.SamplingRatio))));
        return services;
    }

    private static void Describe(ResourceBuilder resource, TelemetrySettings settings) => resource.AddService(
        settings.ServiceName,
        serviceVersion: typeof(TelemetryServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
}
