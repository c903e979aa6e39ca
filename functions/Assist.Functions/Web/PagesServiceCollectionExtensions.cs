using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.WebEncoders;

namespace Assist.Functions.Web;

/// <summary>
/// The server-rendered pages beside the API: Razor components rendered by their functions (each function declares
/// who may see it), anti-forgery on every form, the page languages, and readable error pages (the API keeps its
/// problem+json answers); static files are served by a function.
/// </summary>
public static class PagesServiceCollectionExtensions
{
    public const string ErrorPath = "/error/{0}";

    public static IServiceCollection AddAssistPages(this IServiceCollection services)
    {
        // TempData (an encrypted cookie, read once) carries post-redirect-get's one-shot messages and the receipt's
        // tracking code; MVC's view features are the services that provide it.
        services.AddMvcCore().AddViews();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "assist.af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__RequestVerificationToken";
        });
        // The pages are Razor components rendered on the server by their functions (RazorComponentResult).
        services.AddRazorComponents();
        services.AddSingleton<PageAssets>();
        services.AddSingleton<TrackingCookie>();
        services.AddSingleton<StaffSignIn>();
        services.AddExceptionHandler<PageExceptionHandler>();
        // Chinese text as characters, not as &#x…; entities (the encoder still escapes markup).
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>
    /// Readable error pages (re-executed, so routing runs again and the URL and status stay) and the page language
    /// for everything outside the API; static files. The API keeps its problem+json answers from the outer handlers.
    /// </summary>
    public static IApplicationBuilder UseAssistPages(this IApplicationBuilder app)
    {
        app.UseStatusCodePagesWithReExecute(ErrorPath);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(context);
        });
        // The page language for whatever runs in the request (the page functions pass it on explicitly to what renders).
        app.UseWhen(IsPageRequest, pages => pages.Use((context, next) =>
        {
            var culture = PageCulture.Of(context.Request);
            System.Globalization.CultureInfo.CurrentCulture = culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            return next(context);
        }));
        return app;
    }

    public static bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/healthz")
            && !(HttpMethods.IsPost(context.Request.Method) && context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true);
    }
}
