using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using Assist.Functions.Hosting;
using Assist.Storage;
using Assist.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Assist.Functions.Tests.Deployment;

/// <summary>
/// The app's own telemetry pipeline, observed through in-memory exporters added the way any exporter is
/// (<c>AddOpenTelemetry()</c>), and through stand-ins for an OTLP collector and Azure Monitor's ingestion endpoint.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class TelemetryTests(AzuriteFixture storage)
{
    private Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = storage.Azurite.ConnectionString, ["Scheduler:Enabled"] = "false", ["Workflow:InitializeOnStart"] = "false" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static void Export(WebApplicationBuilder builder, SpanCollector spans) =>
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(spans)));

    private static void Export(WebApplicationBuilder builder, MetricCollector metrics) =>
        builder.Services.AddOpenTelemetry().WithMetrics(metering => metering.AddReader(new BaseExportingMetricReader(metrics)));

    /// <summary>
    /// A request to the probe as an upstream caller (the Functions host, a gateway) sends it, inside trace
    /// <paramref name="traceId"/>. Its own client is not traced, so the header is exactly the caller's: the test's
    /// HttpClient would otherwise be instrumented too, the app's tracer listening process-wide.
    /// </summary>
    private static async Task<HttpResponseMessage> SendFromCallerAsync(TestApp app, ActivityTraceId traceId)
    {
        using var caller = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, ProbeEndpoint.Path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        return await caller.SendAsync(request);
    }

    [Fact]
    public async Task Request_SpanStartedInside_IsExportedAsChildOfTheAspNetCoreServerSpan()
    {
        var spans = new SpanCollector();
        await using var app = await TestApp.StartAsync(Settings(), builder =>
        {
            Export(builder, spans);
            ProbeEndpoint.AddTo(builder, _ =>
            {
                using var work = AssistTelemetry.ActivitySource.StartActivity("probe.work");
                work?.SetTag("assist.probe", "inside");
            });
        });
        var traceId = ActivityTraceId.CreateRandom();

        using var response = await SendFromCallerAsync(app, traceId);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var work = await spans.WaitForAsync(s => s.TraceId == traceId && s.Source.Name == AssistTelemetry.Name, guard.Token);
        var server = await spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Server, guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
        Assert.Equal(ProbeEndpoint.Path, server.GetTagItem("url.path"));
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        Assert.Equal("probe.work", work.DisplayName);
        Assert.Equal("inside", work.GetTagItem("assist.probe"));
        Assert.Equal(server.SpanId, work.ParentSpanId);
    }

    [Fact]
    public async Task StorageCall_InsideARequest_IsAnAzureSdkSpanUnderTheServerSpan()
    {
        // Azure.Data.Tables 12.13 traces without Azure.Core's experimental switch; this proves it is not needed.
        Assert.False(AppContext.TryGetSwitch("Azure.Experimental.EnableActivitySource", out var switched) && switched);
        Assert.Null(Environment.GetEnvironmentVariable("AZURE_EXPERIMENTAL_ENABLE_ACTIVITY_SOURCE"));
        var spans = new SpanCollector();
        var table = "telemetry" + Guid.NewGuid().ToString("N")[..12];
        await using var app = await TestApp.StartAsync(Settings(), builder =>
        {
            Export(builder, spans);
            ProbeEndpoint.AddTo(builder, async context =>
                await context.RequestServices.GetRequiredService<StorageAccountClients>().Tables.GetTableClient(table).CreateIfNotExistsAsync(context.RequestAborted));
        });
        var traceId = ActivityTraceId.CreateRandom();

        using var response = await SendFromCallerAsync(app, traceId);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = await spans.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Server, guard.Token);
        var sdk = await spans.WaitForAsync(s => s.TraceId == traceId && s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal), guard.Token);
        var wire = await spans.WaitForAsync(s => s.TraceId == traceId && s.Source.Name == "Azure.Core.Http", guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(server.SpanId, sdk.ParentSpanId);
        Assert.Equal(sdk.SpanId, wire.ParentSpanId);
        Assert.Equal(ActivityKind.Client, wire.Kind);
        Assert.Contains($":{storage.Azurite.TablePort}/", wire.GetTagItem("url.full") as string, StringComparison.Ordinal);
        // The HttpClient underneath Azure.Core is not traced a second time.
        Assert.DoesNotContain(spans.Spans, s => s.ParentSpanId == wire.SpanId);
    }

    [Fact]
    public async Task HealthCheck_ItsHttpClientCalls_AreClientSpansOfTheRequest()
    {
        var spans = new SpanCollector();
        await using var app = await TestApp.StartAsync(Settings(), builder => Export(builder, spans));

        using var response = await app.Client.GetAsync("/healthz");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = await spans.WaitForAsync(s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == "/healthz", guard.Token);
        var table = await spans.WaitForAsync(s => s.TraceId == server.TraceId && s.Kind == ActivityKind.Client && ((s.GetTagItem("url.full") as string) ?? "").Contains($":{storage.Azurite.TablePort}/", StringComparison.Ordinal), guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/healthz", server.GetTagItem("http.route"));
        Assert.Equal("System.Net.Http", table.Source.Name);
        Assert.Equal(server.SpanId, table.ParentSpanId);
    }

    [Theory]
    [InlineData("1", false, true)]
    [InlineData("0", false, false)]
    // Azure Monitor's exporter brings its own sampler (rate-limited by default); the configured ratio must still decide.
    [InlineData("1", true, true)]
    [InlineData("0", true, false)]
    public async Task Request_WithoutIncomingTrace_IsSampledByTheConfiguredRatio(string ratio, bool azureMonitor, bool recorded)
    {
        bool? workRecorded = null;
        await using var ingestion = await StartReceiverAsync("/v2.1/track", new TaskCompletionSource<byte[]>(), []);
        var settings = Settings(("Telemetry:SamplingRatio", ratio));
        if (azureMonitor)
        {
            settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey={Guid.NewGuid()};IngestionEndpoint={ingestion.Urls.First()}/";
        }

        await using var app = await TestApp.StartAsync(settings, builder =>
        {
            Export(builder, new SpanCollector());
            ProbeEndpoint.AddTo(builder, _ =>
            {
                using var work = AssistTelemetry.ActivitySource.StartActivity("probe.work");
                workRecorded = work?.Recorded == true;
            });
        });

        using var response = await app.Client.GetAsync(ProbeEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(azureMonitor ? TelemetryExporter.AzureMonitor : TelemetryExporter.None, app.Services.GetRequiredService<TelemetrySettings>().Exporter);
        Assert.Equal(recorded, workRecorded);
    }

    [Fact]
    public async Task Counter_OnTheAssistMeter_IsExportedWithItsSum()
    {
        var metrics = new MetricCollector();
        var name = "assist.probe.calls." + Guid.NewGuid().ToString("N");
        var counter = AssistTelemetry.Meter.CreateCounter<long>(name);
        await using var app = await TestApp.StartAsync(Settings(), builder =>
        {
            Export(builder, metrics);
            ProbeEndpoint.AddTo(builder, _ => counter.Add(1));
        });

        for (var i = 0; i < 3; i++)
        {
            using var response = await app.Client.GetAsync(ProbeEndpoint.Path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());
        Assert.Equal(3, metrics.Sums[name]);
    }

    [Fact]
    public async Task Metrics_AfterARequest_IncludeRequestDurationsAndTheRuntime()
    {
        var metrics = new MetricCollector();
        await using var app = await TestApp.StartAsync(Settings(), builder =>
        {
            Export(builder, metrics);
            ProbeEndpoint.AddTo(builder);
        });

        using var response = await app.Client.GetAsync(ProbeEndpoint.Path);
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Microsoft.AspNetCore.Hosting", metrics.Meters["http.server.request.duration"]);
        Assert.Equal("System.Runtime", metrics.Meters["dotnet.gc.collections"]);
        Assert.Contains("dotnet.thread_pool.thread.count", metrics.Meters.Keys);
    }

    [Fact]
    public async Task OtlpEndpoint_WhenSet_ReceivesTheSpansOverHttpProtobuf()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var collector = await StartReceiverAsync("/v1/traces", received, "probe.exported-by-otlp"u8.ToArray());
        await using var app = await TestApp.StartAsync(
            Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Urls.First()), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")),
            builder => ProbeEndpoint.AddTo(builder, _ =>
            {
                using var work = AssistTelemetry.ActivitySource.StartActivity("probe.exported-by-otlp");
            }));

        using var response = await SendFromCallerAsync(app, ActivityTraceId.CreateRandom());
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var body = await received.Task.WaitAsync(guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TelemetryExporter.Otlp, app.Services.GetRequiredService<TelemetrySettings>().Exporter);
        // Protobuf carries strings as raw UTF-8: the span's name is in the exported request.
        Assert.True(body.AsSpan().IndexOf("probe.exported-by-otlp"u8) >= 0);
    }

    [Fact]
    public async Task AzureMonitorConnectionString_WhenSet_ReceivesTheSpansAtItsIngestionEndpoint()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ingestion = await StartReceiverAsync("/v2.1/track", received, "probe.exported-to-azure-monitor"u8.ToArray());
        var connectionString = $"InstrumentationKey={Guid.NewGuid()};IngestionEndpoint={ingestion.Urls.First()}/";
        await using var app = await TestApp.StartAsync(
            Settings(("APPLICATIONINSIGHTS_CONNECTION_STRING", connectionString)),
            builder => ProbeEndpoint.AddTo(builder, _ =>
            {
                using var work = AssistTelemetry.ActivitySource.StartActivity("probe.exported-to-azure-monitor");
            }));

        using var response = await SendFromCallerAsync(app, ActivityTraceId.CreateRandom());
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var body = await received.Task.WaitAsync(guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TelemetryExporter.AzureMonitor, app.Services.GetRequiredService<TelemetrySettings>().Exporter);
        Assert.True(body.AsSpan().IndexOf("probe.exported-to-azure-monitor"u8) >= 0);
    }

    [Fact]
    public async Task App_WithoutAnExporter_BuildsNoProviderAndNothingListens()
    {
        await using var app = await TestApp.StartAsync(Settings(), builder => ProbeEndpoint.AddTo(builder, _ =>
        {
            using var work = AssistTelemetry.ActivitySource.StartActivity("probe.unobserved");
            Assert.Null(work);
        }));

        using var response = await app.Client.GetAsync(ProbeEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TelemetryExporter.None, app.Services.GetRequiredService<TelemetrySettings>().Exporter);
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(null, null, TelemetryExporter.None)]
    [InlineData("http://collector:4317", null, TelemetryExporter.Otlp)]
    [InlineData(null, "InstrumentationKey=00000000-0000-0000-0000-000000000001", TelemetryExporter.AzureMonitor)]
    [InlineData("http://collector:4317", "InstrumentationKey=00000000-0000-0000-0000-000000000001", TelemetryExporter.Otlp)]
    [InlineData(" ", " ", TelemetryExporter.None)]
    public void From_EndpointAndConnectionString_ChooseTheExporter(string? otlpEndpoint, string? connectionString, TelemetryExporter expected)
    {
        var settings = TelemetrySettings.From(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint), ("APPLICATIONINSIGHTS_CONNECTION_STRING", connectionString)));

        Assert.Equal(expected, settings.Exporter);
        Assert.Equal(TelemetrySettings.DefaultServiceName, settings.ServiceName);
        Assert.Equal(OtlpExportProtocol.Grpc, settings.OtlpProtocol);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555", true)]
    [InlineData("Authorization=AAD", true)]
    public void From_AuthenticationString_SignsAzureMonitorExportsInWithTheIdentity(string? authentication, bool entra)
    {
        var settings = TelemetrySettings.From(Configuration(
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000001"),
            ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", authentication)));

        Assert.Equal(entra, settings.AzureMonitorIdentity is not null);
    }

    [Theory]
    [InlineData("Telemetry:SamplingRatio", "1.5")]
    [InlineData("Telemetry:SamplingRatio", "half")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317/not absolute")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=Key")]
    public void From_InvalidSetting_FailsAtStartup(string key, string value)
    {
        Assert.Throws<InvalidOperationException>(() => TelemetrySettings.From(Configuration((key, value))));
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => v.Value)).Build();

    /// <summary>
    /// A stand-in for a telemetry receiver (an OTLP/HTTP collector, Azure Monitor's ingestion endpoint): answers every
    /// POST as accepted and completes <paramref name="received"/> with the first body at <paramref name="path"/> that holds
    /// <paramref name="marker"/> (earlier batches may carry other telemetry; gzip bodies are unpacked).
    /// </summary>
    private static async Task<WebApplication> StartReceiverAsync(string path, TaskCompletionSource<byte[]> received, byte[] marker)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = builder.Build();
        receiver.MapPost("/{**signal}", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            await body.CopyToAsync(buffer);
            if (request.Path == path && buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(marker) >= 0)
            {
                received.TrySetResult(buffer.ToArray());
            }

            // Azure Monitor's answer to an accepted batch; an OTLP exporter only looks at the status.
            return Results.Json(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() });
        });
        await receiver.StartAsync();
        return receiver;
    }
}
