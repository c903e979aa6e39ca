using System.Text.Json.Serialization;
using Assist.Functions.Api;
using Assist.Functions.Health;
using Assist.Functions.Hosting.Functions;
using Assist.Functions.Lifecycle;
using Assist.Functions.Security;
using Assist.Functions.Triggers;
using Assist.Functions.Web;
using Assist.Storage;
using Assist.Storage.Workflow;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Hosting;

/// <summary>
/// The composition root both hosts share: the worker's <c>Program.cs</c> and the local host call it, then add only
/// what is theirs (the local host: Kestrel, its in-process Durable engine, the timer scheduler, the routing of the
/// functions). Nothing a function needs is registered anywhere else.
/// </summary>
public static class AssistServices
{
    public static IHostApplicationBuilder AddAssist(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();
        if (development)
        {
            // The development clock: POST /api/dev/clock moves it; everything that reads time reads it.
            var clock = new AdjustableTimeProvider(TimeProvider.System, configuration.GetValue<DateTimeOffset?>(AdjustableTimeProvider.StartKey));
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddAssistTelemetry(configuration);
        // Keys for development tokens and the idempotent-submit payloads; one application name so every
        // instance of the app unprotects what another protected: the key ring lives in blob storage (BlobXmlRepository).
        services.AddDataProtection().SetApplicationName("Assist");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new BlobXmlRepository(sp.GetRequiredService<StorageAccountClients>().Blobs.GetBlobContainerClient(BlobXmlRepository.ContainerName))));
        services.AddAssistAuthentication(configuration, builder.Environment);
        services.AddSingleton<ApiRateLimits>();
        services.AddSingleton<HttpFunctionPipeline>();
        services.AddAssistOpenApi(development);

        services.AddAssistWorkflow(configuration);
        // AddAzureClients forwards the storage SDK's request log (category Azure.Core): one Information line per request
        // and a Warning per refusal. Refusals are what is worth seeing (expected ones too: 409 on exactly-once rows,
        // 412 on a lost race), as with the app's own storage request log before; Logging__LogLevel__Azure.Core overrides.
        if (configuration["Logging:LogLevel:Azure.Core"] is null)
        {
            builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
        }

        // The Durable Task engine logs every message, lease and poll at Information: warnings and errors are what
        // an operator needs (the Logging__LogLevel__ settings of these categories override).
        foreach (var category in new[] { "DurableTask", "Microsoft.DurableTask", "Grpc" })
        {
            if (configuration[$"Logging:LogLevel:{category}"] is null)
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }

        services.AddAssistApi();
        services.AddAssistPages();
        // Storage and the directory are ready before the first request, the first sweep and the engine.
        services.AddHostedService<WorkflowStartup>();
        // One Durable orchestration per ticket drives it through time (reminders, ladder, auto-close).
        services.AddAssistLifecycle(configuration);

        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.SectionName));
        services.AddHttpClient<StorageProbe>();
        services.AddSingleton<TimerRunLog>();
        return builder;
    }
}
