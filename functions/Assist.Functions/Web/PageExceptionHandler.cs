using Microsoft.AspNetCore.Diagnostics;

namespace Assist.Functions.Web;

/// <summary>
/// A failure on a page (a form too large, a dropped connection, a bug) sends the browser to the readable error page
/// with the status the app's exception handler chose (4xx for what the sender did, 500 otherwise); API requests
/// keep their problem+json.
/// </summary>
public sealed partial class PageExceptionHandler(ILogger<PageExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!PagesServiceCollectionExtensions.IsPageRequest(httpContext) || httpContext.Response.HasStarted)
        {
            return ValueTask.FromResult(false);
        }

        var status = httpContext.Response.StatusCode >= 400 ? httpContext.Response.StatusCode : StatusCodes.Status500InternalServerError;
        LogPageFailure(logger, httpContext.Request.Path, status, exception);
        httpContext.Response.Redirect($"/error/{status}");
        return ValueTask.FromResult(true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page request {Path} failed with {Status}; showing the error page")]
    private static partial void LogPageFailure(ILogger logger, PathString path, int status, Exception exception);
}
