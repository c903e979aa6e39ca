using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assist.Functions.Web;

/// <summary>
/// A page: the Razor component rendered on the server (<see cref="RazorComponentResult{TComponent}"/>) in the
/// page's language, with the <see cref="PageContext"/> as its <c>Page</c> parameter. The language is set here, where
/// the HTML is written, because the host runs a function's result after the function (and its middleware) returned.
/// </summary>
public sealed class PageResult<TComponent>(PageContext page, IReadOnlyDictionary<string, object?> parameters, int statusCode) : IResult
    where TComponent : IComponent
{
    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        CultureInfo.CurrentCulture = page.Culture;
        CultureInfo.CurrentUICulture = page.Culture;
        var all = new Dictionary<string, object?>(parameters, StringComparer.Ordinal) { ["Page"] = page };
        httpContext.Response.Headers.CacheControl = "no-store";
        await new RazorComponentResult<TComponent>(all) { StatusCode = statusCode, PreventStreamingRendering = true }.ExecuteAsync(httpContext);
    }
}

/// <summary>Builds page results.</summary>
public static class PageResults
{
    /// <summary>The component with these parameters (an anonymous object's properties, by name).</summary>
    public static PageResult<TComponent> Render<TComponent>(PageContext page, object? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent =>
        new(page, parameters is null ? new Dictionary<string, object?>() : ToDictionary(parameters), statusCode);

    /// <summary>The error page with this status and, when the failing page said what was wrong, its words.</summary>
    public static PageResult<Components.ErrorPage> Error(PageContext page, int statusCode, string? detail = null) =>
        Render<Components.ErrorPage>(page, new { Status = statusCode, Detail = detail }, statusCode);

    /// <summary>A 400 whose page says what was wrong (<paramref name="detail"/>, already in the page's language).</summary>
    public static PageResult<Components.ErrorPage> BadRequest(PageContext page, string? detail = null) =>
        Error(page, StatusCodes.Status400BadRequest, detail);

    private static Dictionary<string, object?> ToDictionary(object parameters) =>
        parameters as Dictionary<string, object?> ?? parameters.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(parameters), StringComparer.Ordinal);
}
