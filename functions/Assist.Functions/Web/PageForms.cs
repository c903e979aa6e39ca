namespace Assist.Functions.Web;

/// <summary>Reading a page's form post.</summary>
public static class PageForms
{
    /// <summary>
    /// The posted form, or null when the post is not a form. Its anti-forgery token was checked before the function
    /// ran (<see cref="Hosting.Functions.HttpFunctionPipeline"/> refuses a page form post without a valid one).
    /// </summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
    }

    /// <summary>A form value, or null when absent.</summary>
    public static string? Value(this IFormCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
    }

    /// <summary>
    /// A form handler's parameter as Razor Pages bound it: the form's value, else the route's, else the query string's
    /// (the first one); empty is null.
    /// </summary>
    public static string? Bound(this IFormCollection form, HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(request);
        var value = form.TryGetValue(name, out var posted) && posted.Count > 0 ? posted[0]
            : request.RouteValues.TryGetValue(name, out var routed) && routed is not null ? Convert.ToString(routed, System.Globalization.CultureInfo.InvariantCulture)
            : request.Query.TryGetValue(name, out var queried) && queried.Count > 0 ? queried[0]
            : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Where a form may send the browser back to: a local path only, else <paramref name="fallback"/>.</summary>
    public static string LocalUrl(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : fallback;
}
