using Assist.Functions.Security;
using Microsoft.AspNetCore.Authentication;

namespace Assist.Functions.Web;

/// <summary>How staff sign in here: Microsoft Entra ID, the development page listing seeded users, or not at all.</summary>
public sealed class StaffSignIn(IConfiguration configuration, IHostEnvironment environment)
{
    public const string DevelopmentPage = "/dev/sign-in";

    /// <summary>Starts the Microsoft Entra sign-in (<see cref="EntraSignInFunctions"/>); <c>returnUrl</c> is where it ends.</summary>
    public const string EntraSignInPage = "/sign-in";

    public AuthMode Mode { get; } = AssistAuthentication.ModeOf(configuration, environment);

    public bool Entra => Mode == AuthMode.Entra;

    public bool Development => Mode == AuthMode.Development;

    public bool Available => Entra || Development;

    public string SignInUrl(string returnUrl = "/staff") => Entra
        ? EntraSignInPage + "?returnUrl=" + Uri.EscapeDataString(returnUrl)
        : DevelopmentPage;

    /// <summary>
    /// Signs the caller out and answers where the browser goes next: with Entra the session cookie goes and the browser
    /// passes through Entra's sign-out (which comes back to <c>/signout-callback-oidc</c>, then home); in Development
    /// the development cookie goes; either way the home page follows.
    /// </summary>
    public async Task<IResult> SignOutAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Entra)
        {
            await context.SignOutAsync(EntraAuthentication.CookieScheme);
            await context.SignOutAsync(EntraAuthentication.SignInScheme, new AuthenticationProperties { RedirectUri = "/" });
            // The OpenID Connect handler has answered with the redirect to Entra's sign-out.
            return Results.Empty;
        }

        if (Development)
        {
            await context.SignOutAsync(AssistAuthentication.DevCookieScheme);
        }

        return Results.Redirect("/");
    }
}
