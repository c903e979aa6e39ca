using Assist.Functions.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Security;

/// <summary>
/// The pages' Microsoft Entra sign-in (<c>Auth:Mode=Entra</c>): <c>/sign-in</c> sends the browser to Entra, and Entra
/// sends it back to <c>/signin-oidc</c> (the ID token) and, after signing out, to <c>/signout-callback-oidc</c>. Those
/// two addresses belong to the OpenID Connect handler. In the local host ASP.NET Core's authentication middleware (which
/// <see cref="WebApplication"/> adds by itself) hands them to it before any function runs; where no such middleware runs
/// (the Functions worker's fixed pipeline) these functions do it, so both hosts answer alike. In any other mode each is
/// the 404 page.
/// </summary>
[AllowAnonymous]
[ExcludeFromDescription]
public sealed class EntraSignInFunctions(StaffSignIn signIn)
{
    [Function("EntraSignIn")]
    public IResult SignIn([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign-in")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!signIn.Entra)
        {
            return PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound);
        }

        var returnUrl = PageForms.LocalUrl(request.Query["returnUrl"], StaffHome.Desk);
        return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [EntraAuthentication.SignInScheme]);
    }

    /// <summary>
    /// Entra posts the ID token here (form post). The anti-forgery token cannot be in that form; the OpenID Connect
    /// state, its correlation cookie and the nonce in the signed token are what tie the answer to this browser's sign-in.
    /// </summary>
    [Function("EntraSignInCallback")]
    [RequireAntiforgeryToken(false)]
    public Task<IResult> SignInCallbackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "signin-oidc")] HttpRequest request) => RemoteAsync(request);

    [Function("EntraSignOutCallback")]
    public Task<IResult> SignOutCallbackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "signout-callback-oidc")] HttpRequest request) => RemoteAsync(request);

    private async Task<IResult> RemoteAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;
        if (signIn.Entra
            && await context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>().GetHandlerAsync(context, EntraAuthentication.SignInScheme) is IAuthenticationRequestHandler handler
            && await handler.HandleRequestAsync())
        {
            // The handler answered: the redirect to the page the sign-in started from (home after signing out), or the
            // 400 page when it refused Entra's answer.
            return Results.Empty;
        }

        return PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound);
    }
}
