using Assist.Functions.Api;
using Assist.Functions.Web;

namespace Assist.Functions.Hosting.Functions;

/// <summary>
/// The answer to an HTTP function that threw, in both hosts: the sender's fault (a body too large or cut short) is
/// its 4xx, unreachable storage is 503 with Retry-After (clients and the Functions front end retry), anything else
/// 500 — problem+json for the API, the readable error page for a page; never a stack trace.
/// </summary>
public static partial class HttpFunctionErrors
{
    public static IResult Answer(HttpContext context, Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        var status = StorageUnavailable.StatusCodeOf(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = StorageUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        LogFailure(logger, context.Request.Path, status, exception);
        return PagesServiceCollectionExtensions.IsPageRequest(context)
            ? PageResults.Error(PageContext.For(context.Request), status)
            : Results.Problem(statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function for {Path} failed; answered {Status}")]
    private static partial void LogFailure(ILogger logger, PathString path, int status, Exception exception);
}
