using Microsoft.AspNetCore.Mvc;

namespace Assist.Functions.Web;

/// <summary>
/// A page's 400 that says what was wrong. The status-code page re-executes the request on the same
/// <see cref="HttpContext"/>, so the message travels in <see cref="HttpContext.Items"/> to the error page, which
/// shows it in place of its generic text.
/// </summary>
public static class PageProblem
{
    private const string DetailKey = "Assist.PageProblem.Detail";

    /// <summary>A 400 whose page shows <paramref name="detail"/> (already in the page's language).</summary>
    public static IActionResult BadRequest(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[DetailKey] = detail;
        return new StatusCodeResult(StatusCodes.Status400BadRequest);
    }

    public static string? Detail(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(DetailKey, out var detail) ? detail as string : null;
    }
}
