using Assist.Functions.Hosting;
using Assist.Functions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;

namespace Assist.Functions.Security;

/// <summary>
/// <c>Auth:Mode=Entra</c>: the app validates Microsoft Entra ID tokens itself with Microsoft.Identity.Web, configured by
/// the <c>AzureAd</c> section (<c>Instance</c>, <c>TenantId</c>, <c>ClientId</c>). API callers send an access token
/// for the app registration (JWT bearer: signature by the tenant's published keys, issuer, audience, lifetime, a scope
/// or app role); pages sign in with OpenID Connect (an ID token posted back to <c>/signin-oidc</c>) into an encrypted
/// session cookie. Neither keeps anything from the token but who the caller is (<see cref="EntraPrincipal"/>): roles
/// and department come from the directory on every request.
/// </summary>
public static partial class EntraAuthentication
{
    public const string SectionName = "AzureAd";
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;
    public const string CookieScheme = "EntraSession";
    public const string SignInScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>The app's public address (scheme and host) when it is not the request's own, e.g. a custom domain.</summary>
    public const string PublicUrlKey = "Auth:PublicUrl";

    private const string NoObjectId = "The token names no Microsoft Entra object id (oid) for the caller.";

    private static readonly string[] RequiredSettings = ["Instance", "TenantId", "ClientId"];

    public static AuthenticationBuilder AddEntra(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var missing = RequiredSettings.Where(s => string.IsNullOrWhiteSpace(section[s])).Select(s => $"{SectionName}__{s}").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{AssistAuthentication.ModeKey}={AssistAuthentication.EntraMode} needs {string.Join(", ", missing)} (README: Staff sign-in in Azure).");
        }

        // Microsoft.Identity.Web replaces its OpenID Connect sign-in with a scheme that trusts the platform's principal
        // headers when it sees App Service Authentication switched on. Assist trusts no header it did not verify.
        if (AppServicesAuthenticationInformation.IsAppServicesAadAuthenticationEnabled || IsTrue(configuration["WEBSITE_AUTH_ENABLED"]))
        {
            throw new InvalidOperationException(
                $"App Service Authentication is switched on for this app: turn it off ({AssistAuthentication.ModeKey}={AssistAuthentication.EntraMode} signs staff in itself).");
        }

        var publicUrl = PublicUrl(configuration);
        authentication.AddMicrosoftIdentityWebApi(section, BearerScheme);
        authentication.AddMicrosoftIdentityWebApp(section, SignInScheme, CookieScheme);

        var services = authentication.Services;
        services.Configure<CookieAuthenticationOptions>(CookieScheme, options =>
        {
            options.Cookie.Name = "assist.session";
            options.Cookie.HttpOnly = true;
            // Lax, not Strict: Entra posts the sign-in back from its own site, and the redirect to the page that follows
            // is a cross-site navigation that must carry the new cookie.
            options.Cookie.SameSite = SameSiteMode.Lax;
            // In Azure the Functions host reaches the app over loopback HTTP; browsers only ever see HTTPS.
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
            // A page that needs a signed-in user sends the browser to Entra.
            options.ForwardChallenge = SignInScheme;
        });

        services.PostConfigure<JwtBearerOptions>(BearerScheme, options =>
        {
            SingleTenantIssuer(options.TokenValidationParameters);
            var validated = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                // Microsoft.Identity.Web's checks (a scope or an app role) run first and may have refused the token.
                await validated(context);
                if (context.Result is null)
                {
                    if (EntraPrincipal.From(context.Principal) is { } caller)
                    {
                        context.Principal = caller;
                    }
                    else
                    {
                        context.Fail(NoObjectId);
                    }
                }
            };
        });

        services.PostConfigure<OpenIdConnectOptions>(SignInScheme, options =>
        {
            SingleTenantIssuer(options.TokenValidationParameters);
            var validated = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Result is null)
                {
                    if (EntraPrincipal.From(context.Principal) is { } caller)
                    {
                        context.Principal = caller;
                    }
                    else
                    {
                        context.Fail(NoObjectId);
                    }
                }
            };

            var toEntra = options.Events.OnRedirectToIdentityProvider;
            options.Events.OnRedirectToIdentityProvider = async context =>
            {
                await toEntra(context);
                if (publicUrl is not null)
                {
                    context.ProtocolMessage.RedirectUri = publicUrl + options.CallbackPath;
                }
            };

            var signOut = options.Events.OnRedirectToIdentityProviderForSignOut;
            options.Events.OnRedirectToIdentityProviderForSignOut = async context =>
            {
                await signOut(context);
                if (publicUrl is not null)
                {
                    context.ProtocolMessage.PostLogoutRedirectUri = publicUrl + options.SignedOutCallbackPath;
                }
            };

            // A sign-in answer that cannot be accepted (no or stale state, a cancelled sign-in, an ID token that does not
            // validate) is the caller's 400 with the readable error page, not the app's 500.
            var failed = options.Events.OnRemoteFailure;
            options.Events.OnRemoteFailure = async context =>
            {
                await failed(context);
                if (context.Result is null)
                {
                    LogSignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraAuthentication)), context.Failure?.Message);
                    context.HandleResponse();
                    SecurityHeaders.Apply(context.HttpContext);
                    await PageResults.BadRequest(PageContext.For(context.Request)).ExecuteAsync(context.HttpContext);
                }
            };
        });

        return authentication;
    }

    /// <summary>
    /// Where Entra sends the browser back: <c>Auth:PublicUrl</c> when set, else the platform's host name
    /// (<c>WEBSITE_HOSTNAME</c>, over HTTPS), else the request's own address (local runs and tests). Under the Functions
    /// host requests reach the app from the host's proxy on loopback, so the request's address is not the public one.
    /// </summary>
    public static string? PublicUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[PublicUrlKey]?.Trim();
        if (string.IsNullOrEmpty(configured) && configuration["WEBSITE_HOSTNAME"]?.Trim() is { Length: > 0 } host)
        {
            configured = "https://" + host;
        }

        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"{PublicUrlKey} must be the app's HTTPS address without a path, e.g. https://assist.example.gov.cn (it is '{configured}').");
        }

        return url.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>
    /// One tenant: a token must be issued by the tenant the app registration lives in, exactly as that tenant's OpenID
    /// metadata names its issuer (<c>https://login.microsoftonline.com/{tenant}/v2.0</c>), which the handlers compare.
    /// Microsoft.Identity.Web's own issuer validator is for multi-tenant apps (any tenant's issuer, v1.0 issuers through
    /// metadata it fetches itself); Assist has no use for either.
    /// </summary>
    private static void SingleTenantIssuer(Microsoft.IdentityModel.Tokens.TokenValidationParameters parameters)
    {
        parameters.ValidateIssuer = true;
        parameters.IssuerValidator = null;
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Microsoft Entra sign-in answer was refused: {Reason}")]
    private static partial void LogSignInFailed(ILogger logger, string? reason);
}
