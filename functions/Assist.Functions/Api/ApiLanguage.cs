using Microsoft.Net.Http.Headers;

namespace Assist.Functions.Api;

/// <summary>
/// The language of messages in answers: 简体中文 unless the caller prefers English (<c>Accept-Language: en</c>).
/// </summary>
public static class ApiLanguage
{
    /// <summary>True when the best-ranked language the caller accepts is Chinese, or none is named.</summary>
    public static bool PrefersChinese(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages) || languages.Count == 0)
        {
            return true;
        }

        foreach (var language in languages.Where(l => l.Quality is null or > 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Picks the text for the caller's language.</summary>
    public static string Pick(HttpRequest request, string english, string chinese) => PrefersChinese(request) ? chinese : english;
}
