namespace Assist.Functions.Hosting;

/// <summary>
/// Security headers on every response: no framing, no MIME sniffing, no referrer leakage, and a CSP that allows only
/// this origin's scripts and styles (no inline script). Applied by the function pipeline in both hosts, and by the
/// local host to what it answers without a function.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string AppliedKey = "Assist.SecurityHeaders";

    /// <summary>Sets the headers when the response starts (once per request, whoever calls first).</summary>
    public static void Apply(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Items.TryAdd(AppliedKey, true))
        {
            return;
        }

        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        }, context);
    }
}
