using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assist.Functions.Pages;

/// <summary>
/// The readable error page for browsers: status-code pages and unhandled exceptions re-execute here (any method,
/// so no anti-forgery check), keeping the original status.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    /// <summary>What the page that failed said was wrong (see <see cref="Web.PageProblem"/>), or null for the generic text.</summary>
    public string? Detail { get; private set; }

    public IActionResult OnGet(int? code) => Render(code);

    public IActionResult OnPost(int? code) => Render(code);

    private PageResult Render(int? code)
    {
        var current = Response.StatusCode;
        Status = current >= 400 ? current : code is >= 400 and <= 599 ? code.Value : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        Detail = Web.PageProblem.Detail(HttpContext);
        return Page();
    }
}
