using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Assist.Functions.Web;

/// <summary>
/// Keeps the enterprise's tracking code between its tracking pages without ever putting it in a URL (URLs end up in
/// logs and browser history): after the code is typed once (POST), the number and code travel in an encrypted,
/// HttpOnly, SameSite=Strict cookie scoped to <c>/track</c> that expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class TrackingCookie(IDataProtectionProvider protection)
{
    public const string Name = "assist.track";
    public const string Path = "/track";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Assist.Pages.TrackingCookie.v1").ToTimeLimitedDataProtector();

    public void Write(HttpResponse response, string number, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Name, _protector.Protect(number + "\n" + code, Lifetime), new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    public static void Clear(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, new CookieOptions { Path = Path, HttpOnly = true, SameSite = SameSiteMode.Strict });
    }

    /// <summary>The code kept for <paramref name="number"/>, or null when there is none, it expired, or it is for another ticket.</summary>
    public string? Read(HttpRequest request, string number)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('\n', 2);
            return parts.Length == 2 && parts[0] == number ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
