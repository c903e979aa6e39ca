using Assist.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Assist.Functions.Security;

/// <summary>
/// One policy scheme in front of whichever sign-in applies: App Service Authentication when <c>Auth:Mode</c> is
/// <c>EasyAuth</c>; in Development, bearer tokens from <c>POST /api/dev/token</c> and a cookie for the pages;
/// otherwise nobody signs in (the public form and tracking still work). Roles always come from the directory.
/// </summary>
public static class AssistAuthentication
{
    public const string Scheme = "Assist";
    public const string DevBearerScheme = "DevBearer";
    public const string DevCookieScheme = "DevCookie";
    public const string NoSignInScheme = "NoSignIn";

    public static IServiceCollection AddAssistAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var easyAuth = configuration.IsEasyAuthMode();
        var development = !easyAuth && environment.IsDevelopment();

        var authentication = services.AddAuthentication(Scheme);
        authentication.AddPolicyScheme(Scheme, "Assist", options => options.ForwardDefaultSelector = context =>
        {
            if (easyAuth)
            {
                return EasyAuthDefaults.Scheme;
            }

            if (!development)
            {
                return NoSignInScheme;
            }

            return context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? DevBearerScheme
                : DevCookieScheme;
        });

        if (easyAuth)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, EasyAuthHandler>(EasyAuthDefaults.Scheme, "App Service Authentication", configureOptions: null);
        }
        else if (development)
        {
            services.AddSingleton<DevTokenService>();
            authentication.AddScheme<AuthenticationSchemeOptions, DevBearerHandler>(DevBearerScheme, "Development bearer token", configureOptions: null);
            authentication.AddCookie(DevCookieScheme, options =>
            {
                options.Cookie.Name = "assist.dev";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = false;
                options.LoginPath = "/dev/sign-in";
            });
        }
        else
        {
            authentication.AddScheme<AuthenticationSchemeOptions, NoSignInHandler>(NoSignInScheme, "No staff sign-in configured", configureOptions: null);
        }

        services.AddSingleton<IClaimsTransformation, DirectoryClaimsTransformation>();
        services.AddAuthorizationBuilder().AddAssistPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }
}
