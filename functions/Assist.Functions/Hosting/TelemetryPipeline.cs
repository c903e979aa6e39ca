using System.Diagnostics;
using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Assist.Functions.Hosting;

/// <summary>
/// Traces and metrics wired by hand with the OpenTelemetry SDK (the hosting and instrumentation packages do
/// not restore here): the app's <see cref="AssistTelemetry"/> source and meter plus ASP.NET Core's own request
/// activities and metrics, exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and to any
/// exporter registered in DI (tests register an in-memory one). With neither, nothing is built and nothing listens.
/// </summary>
public sealed class TelemetryPipeline : IDisposable
{
    /// <summary>ASP.NET Core starts one activity per request from this source when someone listens.</summary>
    public const string AspNetCoreActivitySource = "Microsoft.AspNetCore";

    /// <summary>ASP.NET Core's built-in request metrics (<c>http.server.request.duration</c>, …).</summary>
    public const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    private readonly TracerProvider? _tracerProvider;
    private readonly MeterProvider? _meterProvider;

    public TelemetryPipeline(TelemetrySettings settings, IEnumerable<BaseExporter<Activity>> spanExporters, IEnumerable<BaseExporter<Metric>> metricExporters)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var spans = spanExporters.ToList();
        var metrics = metricExporters.ToList();
        var resource = ResourceBuilder.CreateDefault().AddService(
            settings.ServiceName,
            serviceVersion: typeof(TelemetryPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

        if (settings.OtlpEndpoint is not null || spans.Count > 0)
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                // Explicit: follow the caller's sampling decision, else sample by ratio (1 = every trace).
                .SetSampler(new ParentBasedSampler(settings.SamplingRatio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(settings.SamplingRatio)))
                .AddSource(AssistTelemetry.Name, AspNetCoreActivitySource);
            if (settings.OtlpEndpoint is not null)
            {
                tracing.AddOtlpExporter(o =>
                {
                    o.Endpoint = settings.SignalEndpoint("v1/traces")!;
                    o.Protocol = settings.Protocol;
                });
            }

            foreach (var exporter in spans)
            {
                tracing.AddProcessor(new SimpleActivityExportProcessor(exporter));
            }

            _tracerProvider = tracing.Build();
        }

        if (settings.OtlpEndpoint is not null || metrics.Count > 0)
        {
            var metering = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(AssistTelemetry.Name, AspNetCoreHostingMeter);
            if (settings.OtlpEndpoint is not null)
            {
                metering.AddOtlpExporter(o =>
                {
                    o.Endpoint = settings.SignalEndpoint("v1/metrics")!;
                    o.Protocol = settings.Protocol;
                });
            }

            foreach (var exporter in metrics)
            {
                metering.AddReader(new BaseExportingMetricReader(exporter));
            }

            _meterProvider = metering.Build();
        }
    }

    /// <summary>True when spans are being recorded and exported.</summary>
    public bool TracingEnabled => _tracerProvider is not null;

    /// <summary>Collects and exports what is pending now (metrics are otherwise exported periodically).</summary>
    public bool ForceFlush(int timeoutMilliseconds = Timeout.Infinite)
    {
        var traced = _tracerProvider?.ForceFlush(timeoutMilliseconds) ?? true;
        var metered = _meterProvider?.ForceFlush(timeoutMilliseconds) ?? true;
        return traced && metered;
    }

    public void Dispose()
    {
        _tracerProvider?.Dispose();
        _meterProvider?.Dispose();
    }
}
