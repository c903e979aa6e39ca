namespace Assist.Functions.Hosting;

/// <summary>The <see cref="SecurityHeaders"/> on what the local host answers without a function (404s, errors).</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        SecurityHeaders.Apply(context);
        return next(context);
    }
}
