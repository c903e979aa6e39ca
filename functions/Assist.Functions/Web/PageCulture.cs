using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Assist.Functions.Web;

/// <summary>
/// The pages' languages: 简体中文 by default, English when the language cookie or Accept-Language asks for it.
/// The API keeps its own rule (Accept-Language per request, see ApiLanguage).
/// </summary>
public static class PageCulture
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly CultureInfo[] Supported = [CultureInfo.GetCultureInfo(Chinese), CultureInfo.GetCultureInfo(English)];

    /// <summary>The cookie the language switch writes (ASP.NET Core's own format: <c>c=en|uic=en</c>).</summary>
    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = Supported,
            SupportedUICultures = Supported,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };

        // Cookie first (the visible switch), then Accept-Language; never the query string.
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        return options;
    }

    /// <summary>
    /// The page language of a request: the language cookie, then the first supported Accept-Language (by quality),
    /// else 简体中文. Read from the request itself so both hosts, and what renders after the function, agree.
    /// </summary>
    public static CultureInfo Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cookies[CookieName] is { } cookie
            && CookieRequestCultureProvider.ParseCookieValue(cookie) is { } chosen
            && Normalize(chosen.UICultures.FirstOrDefault().Value) is { } fromCookie)
        {
            return CultureInfo.GetCultureInfo(fromCookie);
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Normalize(l.Value.Value) ?? Normalize(l.Value.Value?.Split('-')[0]))
            .FirstOrDefault(c => c is not null);
        return CultureInfo.GetCultureInfo(accepted ?? Chinese);
    }

    /// <summary>Maps a requested language to a supported culture name, or null when it is not one.</summary>
    public static string? Normalize(string? culture) => culture?.Trim().ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "zh-hans" => Chinese,
        "en" or "en-us" or "en-gb" => English,
        _ => null,
    };
}
