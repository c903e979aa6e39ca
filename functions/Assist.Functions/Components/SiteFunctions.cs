using Assist.Functions.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Components;

/// <summary>
/// The site itself: the home page and the static files (one function, because the Functions host cannot route an
/// empty path but its catch-all route does reach the root), the error page and the language switch.
/// </summary>
[AllowAnonymous]
[ExcludeFromDescription]
public sealed class SiteFunctions(IWebHostEnvironment environment, TimeProvider time)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// The home page at the root; any other path is a file under wwwroot, or the 404 page (problem+json under the API).
    /// Every method is accepted so that an unknown address answers 404, as it did before functions.
    /// </summary>
    [Function("SiteFiles")]
    [RequireAntiforgeryToken(false)]
    public IResult Serve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest request,
        string? path)
    {
        var get = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (string.IsNullOrEmpty(path) && get)
        {
            return PageResults.Render<Home>(PageContext.For(request));
        }

        if (get && path is { Length: < 256 } && !path.Contains("..", StringComparison.Ordinal)
            && environment.WebRootFileProvider.GetFileInfo(path) is { Exists: true, IsDirectory: false, PhysicalPath: { } physical } file
            && ContentTypes.TryGetContentType(file.Name, out var contentType))
        {
            // Versioned links (?v=content hash, see PageAssets) never change; anything else is revalidated.
            request.HttpContext.Response.Headers.CacheControl = request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
            var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.LastModified.UtcTicks ^ file.Length:x}\"");
            return Results.File(physical, contentType, lastModified: file.LastModified, entityTag: tag);
        }

        return PagesServiceCollectionExtensions.IsPageRequest(request.HttpContext)
            ? PageResults.Error(PageContext.For(request), StatusCodes.Status404NotFound)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The readable error page; status-code pages and unhandled page failures re-execute here with any method, so
    /// there is no anti-forgery check, and the original status stays.
    /// </summary>
    [Function("ErrorPage")]
    [RequireAntiforgeryToken(false)]
    public static IResult Error(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "error/{code:int?}")] HttpRequest request,
        int? code)
    {
        var current = request.HttpContext.Response.StatusCode;
        var status = current >= 400 ? current : code is >= 400 and <= 599 ? code.Value : StatusCodes.Status404NotFound;
        return PageResults.Error(PageContext.For(request), status);
    }

    /// <summary>The visible language switch: remembers the choice in the culture cookie for a year and goes back.</summary>
    [Function("SwitchLanguage")]
    public async Task<IResult> SwitchLanguageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "language")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return Results.Redirect("/");
        }

        if (await PageForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return PageResults.BadRequest(PageContext.For(request));
        }

        if (PageCulture.Normalize(form.Value("culture")) is { } chosen)
        {
            request.HttpContext.Response.Cookies.Append(
                PageCulture.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Path = "/",
                    Expires = time.GetUtcNow().AddYears(1),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = request.IsHttps,
                    IsEssential = true,
                });
        }

        return Results.LocalRedirect(PageForms.LocalUrl(form.Value("returnUrl"), "/"));
    }
}
