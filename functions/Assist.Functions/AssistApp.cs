using System.Text.Json.Serialization;
using Assist.Functions.Api;
using Assist.Functions.Health;
using Assist.Functions.Hosting;
using Assist.Functions.Hosting.Functions;
using Assist.Functions.Lifecycle;
using Assist.Functions.Security;
using Assist.Functions.Triggers;
using Assist.Functions.Web;
using Assist.Storage;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Assist.Functions;

/// <summary>
/// The composition root. The same app serves the Azure Functions host (as a custom handler) and runs
/// standalone for local use and tests; tests build it here with their own settings and a real Kestrel.
/// </summary>
public static class AssistApp
{
    /// <summary>The local address used when neither the Functions host nor <c>--urls</c> names one.</summary>
    public const string DefaultLocalUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The pages (Razor Pages parts, static files) belong to this assembly, also when a test host starts it.
            ApplicationName = typeof(AssistApp).Assembly.GetName().Name,
        });

        // local.settings.json (git-ignored) sits below environment variables and arguments, as under func start.
        var localSettings = builder.Configuration["ASSIST_LOCAL_SETTINGS"] ?? Path.Combine(AppContext.BaseDirectory, "local.settings.json");
        // host.json first, as the Functions host reads it: every other source may override a value in it.
        builder.Configuration.AddHostJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"));
        builder.Configuration.AddLocalSettingsFile(localSettings);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);

        var handler = CustomHandlerEnvironment.From(builder.Configuration);
        if (handler.Port is { } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultLocalUrl);
        }

        builder.Services.AddSingleton(handler);
        var development = builder.Environment.IsDevelopment();
        if (development)
        {
            // The development clock: POST /api/dev/clock moves it; everything that reads time reads it.
            var clock = new AdjustableTimeProvider(TimeProvider.System, builder.Configuration.GetValue<DateTimeOffset?>(AdjustableTimeProvider.StartKey));
            builder.Services.AddSingleton(clock);
            builder.Services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            builder.Services.AddSingleton(TimeProvider.System);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageUnavailable>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddAssistTelemetry(builder.Configuration);
        // Keys for development tokens and the idempotent-submit payloads; one application name so every
        // instance of the app unprotects what another protected: the key ring lives in blob storage (BlobXmlRepository).
        builder.Services.AddDataProtection().SetApplicationName("Assist");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new BlobXmlRepository(sp.GetRequiredService<StorageAccountClients>().Blobs.GetBlobContainerClient(BlobXmlRepository.ContainerName))));
        builder.Services.AddAssistAuthentication(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<ApiRateLimits>();
        builder.Services.AddSingleton<HttpFunctionPipeline>();
        builder.Services.AddAssistOpenApi(development);

        builder.Services.AddAssistWorkflow(builder.Configuration);
        // AddAzureClients forwards the storage SDK's request log (category Azure.Core): one Information line per request
        // and a Warning per refusal. Refusals are what is worth seeing (expected ones too: 409 on exactly-once rows,
        // 412 on a lost race), as with the app's own storage request log before; Logging__LogLevel__Azure.Core overrides.
        if (builder.Configuration["Logging:LogLevel:Azure.Core"] is null)
        {
            builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
        }

        // The Durable Task engine logs every message, lease and poll at Information: warnings and errors are what
        // an operator needs (the Logging__LogLevel__ settings of these categories override).
        foreach (var category in new[] { "DurableTask", "Microsoft.DurableTask", "Grpc" })
        {
            if (builder.Configuration[$"Logging:LogLevel:{category}"] is null)
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }
        builder.Services.AddAssistApi();
        builder.Services.AddAssistPages();
        // Storage and the directory are ready before the first request, the scheduler's first sweep and the engine.
        builder.Services.AddHostedService<WorkflowStartup>();
        // One Durable orchestration per ticket drives it through time (reminders, ladder, auto-close).
        builder.Services.AddAssistLifecycle(builder.Configuration);

        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.SectionName));
        builder.Services.AddHttpClient<StorageProbe>();

        var functionsRoot = builder.Configuration["Functions:Root"] ?? AppContext.BaseDirectory;
        builder.Services.AddSingleton(_ => FunctionManifest.Load(functionsRoot));
        builder.Services.AddSingleton<TimerRunLog>();
        builder.Services.AddSingleton<TimerDispatcher>();
        builder.Services.AddSingleton<ITimerFunction, SweepTimersFunction>();
        if (!handler.UnderFunctionsHost && builder.Configuration.GetValue("Scheduler:Enabled", true))
        {
            builder.Services.AddSingleton<StandaloneScheduler>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<StandaloneScheduler>());
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A client that sends too much or stops sending gets its 4xx, never a 500; unreachable storage is a 503.
            StatusCodeSelector = StorageUnavailable.StatusCodeOf,
        });
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAssistPages();

        // The administration page lives at /manage: the Azure Functions host reserves paths beginning with "admin"
        // for its own API. The old address still leads there where this app, not the host, answers it.
        app.MapGet("/admin", () => Results.Redirect("/manage", permanent: true)).ExcludeFromDescription().AllowAnonymous();
        app.MapTimerTriggers(app.Services.GetRequiredService<FunctionManifest>());
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Every HTTP-triggered [Function] at its declared route, as the Functions host would serve it: the API and /healthz.
        app.MapHttpFunctions(HttpFunction.In(typeof(AssistApp).Assembly), HttpFunctionEndpoints.RoutePrefix(app.Configuration));
        return app;
    }
}
