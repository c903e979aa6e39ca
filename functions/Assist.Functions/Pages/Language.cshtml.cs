using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages;

/// <summary>The visible language switch: remembers the choice in the culture cookie for a year and goes back.</summary>
[AllowAnonymous]
public sealed class LanguageModel(TimeProvider time) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (Web.PageCulture.Normalize(culture) is { } chosen)
        {
            Response.Cookies.Append(
                Web.PageCulture.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Path = "/",
                    Expires = time.GetUtcNow().AddYears(1),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = Request.IsHttps,
                    IsEssential = true,
                });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
