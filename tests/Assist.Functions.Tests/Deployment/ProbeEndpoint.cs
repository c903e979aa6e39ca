using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Assist.Functions.Tests.Deployment;

/// <summary>
/// A test-only middleware at <see cref="Path"/>, added to the real app through an <see cref="IStartupFilter"/>,
/// standing in for "some endpoint": it does traced work inside the request and reports who the app thinks the caller is.
/// </summary>
public sealed class ProbeEndpoint(Func<HttpContext, Task>? work = null) : IStartupFilter
{
    public const string Path = "/__probe";

    public static void AddTo(WebApplicationBuilder builder, Func<HttpContext, Task>? work = null) =>
        builder.Services.AddSingleton<IStartupFilter>(new ProbeEndpoint(work));

    public static void AddTo(WebApplicationBuilder builder, Action<HttpContext> work) =>
        AddTo(builder, context =>
        {
            work(context);
            return Task.CompletedTask;
        });

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(Path, probe => probe.Run(async context =>
        {
            if (work is not null)
            {
                await work(context);
            }

            // Startup-filter middleware runs before the app's own authentication middleware: authenticate here
            // with the app's default scheme (the Assist policy scheme).
            var user = context.RequestServices.GetService<IAuthenticationSchemeProvider>() is { } schemes
                && await schemes.GetDefaultAuthenticateSchemeAsync() is not null
                    ? (await context.AuthenticateAsync()).Principal
                    : null;
            await context.Response.WriteAsJsonAsync(new ProbeAnswer(
                user?.Identity?.IsAuthenticated == true,
                user?.FindFirstValue(ClaimTypes.NameIdentifier),
                user?.FindFirstValue(ClaimTypes.Name),
                user?.FindFirstValue(ClaimTypes.Email),
                user?.Claims.Where(c => c.Type == ClaimTypes.Role).Select(c => c.Value).ToList() ?? []));
        }));
        next(app);
    };
}

public sealed record ProbeAnswer(bool Authenticated, string? ObjectId, string? Name, string? Email, IReadOnlyList<string> Roles);
