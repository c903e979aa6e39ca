using System.Net;

namespace Assist.Functions.Triggers;

/// <summary>
/// Trigger endpoints (<c>POST /{FunctionName}</c>) are for the Functions host only. The host calls the handler
/// over loopback; requests from the internet reach the handler through the host's HTTP proxy and carry the
/// front end's forwarding headers. Anything else gets a plain 404, as if the route did not exist.
/// </summary>
public sealed class HostCallerFilter : IEndpointFilter
{
    private static readonly string[] ForwardingHeaders =
    [
        "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Original-URL", "X-ARR-LOG-ID",
        "X-ARR-SSL", "X-Client-IP", "X-MS-CLIENT-PRINCIPAL", "X-MS-CLIENT-PRINCIPAL-ID", "Forwarded",
    ];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsHostCall(context.HttpContext) ? await next(context) : Results.NotFound();
    }

    public static bool IsHostCall(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var remote = httpContext.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            return false;
        }

        foreach (var header in ForwardingHeaders)
        {
            if (httpContext.Request.Headers.ContainsKey(header))
            {
                return false;
            }
        }

        return true;
    }
}
