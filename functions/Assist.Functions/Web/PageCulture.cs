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

    /// <summary>Maps a requested language to a supported culture name, or null when it is not one.</summary>
    public static string? Normalize(string? culture) => culture?.Trim().ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "zh-hans" => Chinese,
        "en" or "en-us" or "en-gb" => English,
        _ => null,
    };
}
