using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Assist.Functions.Api;

/// <summary>
/// Rate limits on the public endpoints, per client IP (fixed windows of one minute, no queueing): submitting is
/// rare and costly, tracking and enterprise answers less so. Limits are settings (<c>RateLimits:Submit</c>,
/// <c>RateLimits:Public</c>, permits per minute). Refusals are 429 problem+json with Retry-After.
/// </summary>
public static class ApiRateLimits
{
    public const string Submit = "submit";
    public const string Public = "public";

    public static IServiceCollection AddAssistRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var submit = configuration.GetValue("RateLimits:Submit", 10);
        var publicLimit = configuration.GetValue("RateLimits:Public", 120);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Submit, context => PerClient(context, Submit, submit));
            // A development-only function outside Development answers as an unknown path, which no limit counts.
            options.AddPolicy(Public, context => Dev.DevelopmentOnlyAttribute.IsAbsent(context)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : PerClient(context, Public, publicLimit));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (Web.PagesServiceCollectionExtensions.IsPageRequest(rejected.HttpContext))
                {
                    // A page gets the readable 429 page (status-code pages), not JSON.
                    return;
                }

                await ApiProblems.Simple(rejected.HttpContext.Request, StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests,
                        "Too many requests from your address; try again shortly.", "您的请求过于频繁，请稍后再试。")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, string policy, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(policy + "|" + ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
