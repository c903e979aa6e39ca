using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Assist.Functions.Hosting;

/// <summary>
/// Authenticates a request from the principal App Service Authentication put in <c>X-MS-CLIENT-PRINCIPAL</c>.
/// Registered only when <c>Auth:Mode</c> is <c>EasyAuth</c>: only then does the platform strip that header
/// from what clients send and set it itself, so only then can it be trusted. Without the header the request is
/// anonymous (the public form and ticket tracking need no sign-in); the endpoints decide what needs a user.
/// </summary>
public sealed class EasyAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(EasyAuthDefaults.PrincipalHeader, out var header) || string.IsNullOrWhiteSpace(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!EasyAuthPrincipal.TryParse(header, out var principal, out var error))
        {
            Logger.LogWarning("Ignoring an unreadable {Header}: {Reason}", EasyAuthDefaults.PrincipalHeader, error);
            return Task.FromResult(AuthenticateResult.Fail(error));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    /// <summary>Unauthenticated callers of a protected endpoint are sent to the platform's sign-in.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var returnUrl = properties.RedirectUri ?? OriginalPathBase + OriginalPath + Request.QueryString;
        Response.Redirect("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(returnUrl));
        return Task.CompletedTask;
    }
}
