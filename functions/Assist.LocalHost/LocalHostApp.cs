using Assist.Functions.Api;
using Assist.Functions.Hosting;
using Assist.Functions.Hosting.Functions;
using Assist.Functions.Web;
using Assist.LocalHost.Durable;
using Assist.LocalHost.Http;
using Assist.LocalHost.Timers;
using Microsoft.AspNetCore.Diagnostics;

namespace Assist.LocalHost;

/// <summary>
/// The local host: the function app's own functions in one ASP.NET Core process, where Azure Functions Core Tools are
/// not installed — <c>scripts/run</c>, the tests, the bench and the fault command build it here. Configuration is read as
/// <c>func start</c> reads it (host.json, then local.settings.json's <c>Values</c>, environment, arguments); the app's
/// services are the worker's (<see cref="AssistServices.AddAssist"/>); the host adds Kestrel, the in-process Durable
/// engine, the timer scheduler and the routing of the HTTP functions.
/// </summary>
public static class LocalHostApp
{
    /// <summary>The local address used when <c>--urls</c> names none: the port <c>func start</c> uses.</summary>
    public const string DefaultLocalUrl = "http://127.0.0.1:7071";

    /// <summary>The function app's assembly: everything the local host runs is declared there.</summary>
    public static System.Reflection.Assembly Functions => typeof(AssistServices).Assembly;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The pages' static web assets and components belong to the function app's assembly.
            ApplicationName = Functions.GetName().Name,
        });

        // local.settings.json (git-ignored) sits below environment variables and arguments, as under func start.
        var localSettings = builder.Configuration["ASSIST_LOCAL_SETTINGS"] ?? Path.Combine(AppContext.BaseDirectory, "local.settings.json");
        // host.json first, as the Functions host reads it: every other source may override a value in it.
        builder.Configuration.AddHostJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"));
        builder.Configuration.AddLocalSettingsFile(localSettings);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultLocalUrl);
        }

        builder.AddAssist();
        var functions = new LocalFunctions(
            HttpFunctionEndpoints.For(Functions, HttpFunctionEndpointSource.RoutePrefix(builder.Configuration)),
            DurableFunction.In(Functions),
            TimerFunction.In(Functions));
        builder.Services.AddSingleton(functions);
        builder.Services.AddExceptionHandler<StorageUnavailable>();
        builder.Services.AddInProcessDurableEngine(builder.Configuration, functions.Durable);
        // The Functions host routes by route and method only; a function checks the request's content type itself (415).
        // ASP.NET Core routing would also select endpoints by their declared request content types ([RequestBody]), so a
        // wrong one fell through to the catch-all's 404 here: that matcher policy is not the host's, so it goes.
        foreach (var policy in builder.Services.Where(d => d.ServiceType == typeof(Microsoft.AspNetCore.Routing.MatcherPolicy)
            && d.ImplementationType?.Name == "AcceptsMatcherPolicy").ToList())
        {
            builder.Services.Remove(policy);
        }
        if (builder.Configuration.GetValue("Scheduler:Enabled", true))
        {
            builder.Services.AddSingleton<TimerScheduler>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());
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
        // for its own API. The old address still leads there where the local host, not the Functions host, answers it.
        app.MapGet("/admin", () => Results.Redirect("/manage", permanent: true)).ExcludeFromDescription().AllowAnonymous();
        // Every HTTP-triggered [Function] at its declared route, as the Functions host serves it.
        app.MapHttpFunctions(functions.Http);
        return app;
    }
}

/// <summary>What the local host runs, read from the function app's declarations: a test holds it to <c>functions.metadata</c>.</summary>
public sealed record LocalFunctions(HttpFunctionEndpointSource Http, IReadOnlyList<DurableFunction> Durable, IReadOnlyList<TimerFunction> Timers);
