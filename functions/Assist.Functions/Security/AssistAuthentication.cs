using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Assist.Functions.Security;

/// <summary>How staff sign in: <see cref="AssistAuthentication.ModeOf"/> decides it once from configuration.</summary>
public enum AuthMode
{
    /// <summary>Nobody signs in (outside Development, without <c>Auth:Mode</c>): the public form and tracking still work.</summary>
    None,

    /// <summary>Development: bearer tokens from <c>POST /api/dev/token</c> and the sign-in page listing the seeded users.</summary>
    Development,

    /// <summary>Microsoft Entra ID, validated by the app itself (<see cref="EntraAuthentication"/>).</summary>
    Entra,
}

/// <summary>
/// One policy scheme in front of whichever sign-in applies. With <c>Auth:Mode=Entra</c> the app validates Microsoft
/// Entra ID tokens itself: <c>Authorization: Bearer</c> goes to the JWT bearer scheme, anything else to the session
/// cookie, whose challenge is the OpenID Connect sign-in. In Development, bearer tokens from <c>POST /api/dev/token</c>
/// and a cookie for the pages; otherwise nobody signs in (the public form and tracking still work). Roles always come
/// from the directory. No mode reads <c>X-MS-CLIENT-PRINCIPAL</c>: Easy Auth is not supported on Flex Consumption,
/// where nothing verifies that header, so <c>Auth:Mode=EasyAuth</c> is refused at startup. It is not kept for other
/// plans either: Assist deploys to Flex only, and a mode that trusts a header is one wrong setting away from trusting
/// a forged one.
/// </summary>
public static class AssistAuthentication
{
    public const string Scheme = "Assist";
    public const string DevBearerScheme = "DevBearer";
    public const string DevCookieScheme = "DevCookie";
    public const string NoSignInScheme = "NoSignIn";

    /// <summary>The configuration key (<c>Auth__Mode</c> as an app setting) that chooses the sign-in.</summary>
    public const string ModeKey = "Auth:Mode";

    /// <summary>The <see cref="ModeKey"/> value that turns on <see cref="AuthMode.Entra"/>.</summary>
    public const string EntraMode = "Entra";

    /// <summary>The value Assist once had for App Service Authentication; refused now, with a reason.</summary>
    public const string RemovedEasyAuthMode = "EasyAuth";

    public static IServiceCollection AddAssistAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var mode = ModeOf(configuration, environment);

        var authentication = services.AddAuthentication(Scheme);
        authentication.AddPolicyScheme(Scheme, "Assist", options => options.ForwardDefaultSelector = context =>
        {
            var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            return mode switch
            {
                AuthMode.Entra => bearer ? EntraAuthentication.BearerScheme : EntraAuthentication.CookieScheme,
                AuthMode.Development => bearer ? DevBearerScheme : DevCookieScheme,
                _ => NoSignInScheme,
            };
        });

        if (environment.IsDevelopment())
        {
            // POST /api/dev/token answers in every Development app; only the Development sign-in accepts its tokens.
            services.AddSingleton<DevTokenService>();
        }

        switch (mode)
        {
            case AuthMode.Entra:
                authentication.AddEntra(configuration);
                break;
            case AuthMode.Development:
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
                break;
            default:
                authentication.AddScheme<AuthenticationSchemeOptions, NoSignInHandler>(NoSignInScheme, "No staff sign-in configured", configureOptions: null);
                break;
        }

        services.AddSingleton<IClaimsTransformation, DirectoryClaimsTransformation>();
        services.AddAuthorizationBuilder().AddAssistPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>
    /// The sign-in this configuration asks for: <c>Auth:Mode=Entra</c> wins over the environment; without it Development
    /// signs in with seeded users and any other environment has no sign-in. A mode Assist does not know stops the app
    /// rather than leaving staff without a sign-in nobody noticed.
    /// </summary>
    public static AuthMode ModeOf(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var mode = configuration[ModeKey]?.Trim();
        if (string.IsNullOrEmpty(mode))
        {
            return environment.IsDevelopment() ? AuthMode.Development : AuthMode.None;
        }

        if (string.Equals(mode, EntraMode, StringComparison.OrdinalIgnoreCase))
        {
            return AuthMode.Entra;
        }

        throw new InvalidOperationException(string.Equals(mode, RemovedEasyAuthMode, StringComparison.OrdinalIgnoreCase)
            ? $"{ModeKey}={RemovedEasyAuthMode} is no longer supported: App Service Authentication is not supported on Flex Consumption, so nothing "
              + $"would verify the X-MS-CLIENT-PRINCIPAL header Assist trusted in that mode. Use {ModeKey}={EntraMode} (README: Staff sign-in in Azure)."
            : $"{ModeKey}='{mode}' is not a sign-in Assist knows: use {EntraMode}, or leave it empty (Development: the development sign-in; elsewhere none).");
    }
}
