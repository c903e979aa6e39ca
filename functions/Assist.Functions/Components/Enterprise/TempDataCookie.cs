using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Assist.Functions.Components.Enterprise;

/// <summary>
/// One-shot values from a post to the page it redirects to, in the encrypted TempData cookie the Razor pages kept
/// them in (read once, then gone). A function saves what it read or wrote before it answers, as MVC did after a page.
/// </summary>
public static class TempDataCookie
{
    /// <summary>Takes the value (it is gone from the next response on); null when there is none.</summary>
    public static string? Take(HttpContext http, string key)
    {
        var tempData = For(http);
        var value = tempData[key] as string;
        tempData.Save();
        return value;
    }

    /// <summary>Leaves the value for the next page that takes it.</summary>
    public static void Put(HttpContext http, string key, string value)
    {
        var tempData = For(http);
        tempData[key] = value;
        tempData.Save();
    }

    private static ITempDataDictionary For(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
    }
}
