using Assist.Functions.Security;
using Assist.Functions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages.Account;

/// <summary>Sign-out (POST with the anti-forgery token): the development cookie goes; under Easy Auth, its logout.</summary>
[AllowAnonymous]
public sealed class SignOutModel(StaffSignIn signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (signIn.EasyAuth)
        {
            return Redirect(StaffSignIn.EasyAuthLogout + "?post_logout_redirect_uri=" + Uri.EscapeDataString("/"));
        }

        if (signIn.Development)
        {
            await HttpContext.SignOutAsync(AssistAuthentication.DevCookieScheme);
        }

        return Redirect("/");
    }
}
