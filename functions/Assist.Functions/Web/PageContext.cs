using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;

namespace Assist.Functions.Web;

/// <summary>
/// What every page takes from its request, read once by the page function and passed to what renders: the person,
/// where they are, the page language and the anti-forgery token for its forms. Rendering runs after the function
/// returns (under the Functions worker, after its middleware too), so nothing here is read from ambient state there.
/// </summary>
public sealed record PageContext(ClaimsPrincipal User, string Path, string ReturnUrl, CultureInfo Culture, AntiforgeryTokenSet Antiforgery, StaffSignIn SignIn)
{
    public bool IsEnglish => Culture.TwoLetterISOLanguageName == "en";

    public static PageContext For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.HttpContext;
        var path = request.Path.Value is { Length: > 0 } value ? value : "/";
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new PageContext(http.User, path, path + request.QueryString, PageCulture.Of(request), tokens, http.RequestServices.GetRequiredService<StaffSignIn>());
    }

    /// <summary>"page" for the navigation entry of the section the page belongs to (aria-current), else "false".</summary>
    public string Current(string prefix) =>
        Path == prefix || (prefix != "/" && Path.StartsWith(prefix + "/", StringComparison.Ordinal)) ? "page" : "false";
}
