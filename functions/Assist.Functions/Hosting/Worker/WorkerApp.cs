using Assist.Functions.Hosting.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration.Memory;

namespace Assist.Functions.Hosting.Worker;

/// <summary>
/// The isolated worker the Functions host starts (<c>FUNCTIONS_WORKER_RUNTIME=dotnet-isolated</c>): the ASP.NET Core
/// integration, the function middleware, and the services both hosts share (<see cref="AssistServices"/>).
/// </summary>
public static class WorkerApp
{
    public static IHost Build(string[] args, Action<FunctionsApplicationBuilder>? configure = null)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // host.json below every other source, as the Functions host reads it (the worker is not given it): the engine's
        // settings and the route prefix, which app settings such as AzureFunctionsJobHost__extensions__… override.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = HostJsonConfigurationExtensions.Read(Path.Combine(AppContext.BaseDirectory, "host.json")),
        });
        // A [DurableClient] input is published before the function runs; then every HTTP function gets the function
        // pipeline's checks (authentication, authorisation, anti-forgery, limits, headers, culture, problem details).
        builder.UseMiddleware<DurableClientMiddleware>();
        builder.UseMiddleware<HttpFunctionMiddleware>();
        builder.AddAssist();
        // The worker's own endpoints carry no metadata: the functions described from their declarations, for the
        // OpenAPI document (the host routes requests; these endpoints are never invoked).
        builder.Services.AddSingleton<EndpointDataSource>(sp =>
            HttpFunctionEndpointSource.Describing(typeof(WorkerApp).Assembly, HttpFunctionEndpointSource.RoutePrefix(sp.GetRequiredService<IConfiguration>())));
        configure?.Invoke(builder);
        return builder.Build();
    }
}
