using System.Diagnostics;
using System.Net;
using Assist.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Assist.Functions.Tests.Deployment;

public sealed class TelemetryTests
{
    // Storage is never reached by these requests; the connection string only satisfies configuration.
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Scheduler:Enabled"] = "false", ["Workflow:InitializeOnStart"] = "false" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HttpRequestMessage ProbeRequest(ActivityTraceId traceId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ProbeEndpoint.Path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        return request;
    }

    [Fact]
    public async Task Request_SpanStartedInside_IsExportedAsChildOfTheAspNetCoreRequestSpan()
    {
        var spans = new SpanCollector();
        await using var app = await TestApp.StartAsync(Settings(), builder =>
        {
            builder.Services.AddSingleton<BaseExporter<Activity>>(spans);
            ProbeEndpoint.AddTo(builder, _ =>
            {
                using var work = AssistTelemetry.ActivitySource.StartActivity("probe.work");
                work?.SetTag("assist.probe", "inside");
            });
        });
        var traceId = ActivityTraceId.CreateRandom();

        using var request = ProbeRequest(traceId);
        using var response = await app.Client.SendAsync(request);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var work = await spans.WaitForAsync(s => s.TraceId == traceId && s.Source.Name == AssistTelemetry.Name, guard.Token);
        var requestSpan = await spans.WaitForAsync(s => s.TraceId == traceId && s.Source.Name == TelemetryPipeline.AspNetCoreActivitySource, guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("probe.work", work.DisplayName);
        Assert.Equal("inside", work.GetTagItem("assist.probe"));
        Assert.Equal(requestSpan.SpanId, work.ParentSpanId);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public async Task Request_WithoutIncomingTrace_IsSampledByTheConfiguredRatio(string ratio, bool recorded)
    {
        bool? workRecorded = null;
        await using var app = await TestApp.StartAsync(Settings(("Telemetry:SamplingRatio", ratio)), builder =>
        {
            builder.Services.AddSingleton<BaseExporter<Activity>>(new SpanCollector());
            ProbeEndpoint.AddTo(builder, _ =>
            {
                using var work = AssistTelemetry.ActivitySource.StartActivity("probe.work");
                workRecorded = work?.Recorded == true;
            });
        });

        using var response = await app.Client.GetAsync(ProbeEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
            builder.Services.AddSingleton<BaseExporter<Metric>>(metrics);
            ProbeEndpoint.AddTo(builder, _ => counter.Add(1));
        });

        for (var i = 0; i < 3; i++)
        {
            using var response = await app.Client.GetAsync(ProbeEndpoint.Path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(app.Services.GetRequiredService<TelemetryPipeline>().ForceFlush());
        Assert.Equal(3, metrics.Sums[name]);
    }

    [Fact]
    public async Task OtlpEndpoint_WhenSet_ReceivesTheSpansOverHttpProtobuf()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var collector = await StartOtlpReceiverAsync(received, "probe.exported-by-otlp"u8.ToArray());
        await using var app = await TestApp.StartAsync(
            Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Urls.First()), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")),
            builder => ProbeEndpoint.AddTo(builder, _ =>
            {
                using var work = AssistTelemetry.ActivitySource.StartActivity("probe.exported-by-otlp");
            }));

        using var request = ProbeRequest(ActivityTraceId.CreateRandom());
        using var response = await app.Client.SendAsync(request);
        app.Services.GetRequiredService<TelemetryPipeline>().ForceFlush();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var body = await received.Task.WaitAsync(guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Protobuf carries strings as raw UTF-8: the span's name is in the exported request.
        Assert.True(body.AsSpan().IndexOf("probe.exported-by-otlp"u8) >= 0);
    }

    [Fact]
    public async Task Pipeline_WithoutEndpointOrExporter_DoesNotTrace()
    {
        await using var app = await TestApp.StartAsync(Settings());

        Assert.False(app.Services.GetRequiredService<TelemetryPipeline>().TracingEnabled);
    }

    [Fact]
    public void SignalEndpoint_HttpProtobuf_AppendsTheSignalPath()
    {
        var settings = TelemetrySettings.From(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")));

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings.Protocol);
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), settings.SignalEndpoint("v1/traces"));
    }

    [Fact]
    public void SignalEndpoint_Grpc_IsTheEndpointItself()
    {
        var settings = TelemetrySettings.From(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")));

        Assert.Equal(new Uri("http://collector:4317"), settings.SignalEndpoint("v1/traces"));
        Assert.Equal(TelemetrySettings.DefaultServiceName, settings.ServiceName);
    }

    [Theory]
    [InlineData("Telemetry:SamplingRatio", "1.5")]
    [InlineData("Telemetry:SamplingRatio", "half")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317/not absolute")]
    public void From_InvalidSetting_FailsAtStartup(string key, string value)
    {
        Assert.Throws<InvalidOperationException>(() => TelemetrySettings.From(Configuration((key, value))));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    /// <summary>A stand-in OTLP/HTTP collector: completes with the body of the first trace export it receives.</summary>
    /// <summary>A stand-in collector that completes <paramref name="received"/> with the first export holding <paramref name="marker"/>
    /// (earlier batches may carry other spans).</summary>
    private static async Task<WebApplication> StartOtlpReceiverAsync(TaskCompletionSource<byte[]> received, byte[] marker)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = builder.Build();
        receiver.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            if (string.Equals(request.ContentType, "application/x-protobuf", StringComparison.OrdinalIgnoreCase)
                && buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(marker) >= 0)
            {
                received.TrySetResult(buffer.ToArray());
            }

            return Results.Ok();
        });
        await receiver.StartAsync();
        return receiver;
    }
}
