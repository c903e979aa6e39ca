using System.Net;

namespace Assist.Functions.Api;

/// <summary>
/// The client's IP address for rate limiting. Behind the Functions host (a loopback proxy) the client is the last
/// address the front end appended to <c>X-Forwarded-For</c>; a direct caller is its connection's address.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || IPAddress.IsLoopback(remote))
        {
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
            var last = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (last is not null && IPAddress.TryParse(last.Split(':')[0], out var client))
            {
                return client.ToString();
            }
        }

        return remote?.ToString() ?? "unknown";
    }
}
