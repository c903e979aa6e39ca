using System.Collections.Frozen;
using System.Globalization;
using System.Threading.RateLimiting;

namespace Assist.Functions.Api;

/// <summary>
/// Rate limits on the public endpoints, per client IP (fixed windows of one minute, no queueing): submitting is
/// rare and costly, tracking and enterprise answers less so. Limits are settings (<c>RateLimits:Submit</c>,
/// <c>RateLimits:Public</c>, permits per minute). A function names its limit with
/// <c>[EnableRateLimiting(ApiRateLimits.X)]</c>; refusals are 429 problem+json (the readable page for a page) with
/// Retry-After. The limiters are System.Threading.RateLimiting's; ASP.NET Core's rate-limiting middleware cannot run
/// inside a Functions worker (its pipeline is fixed), so the function pipeline acquires them itself.
/// </summary>
public sealed class ApiRateLimits : IAsyncDisposable
{
    public const string Submit = "submit";
    public const string Public = "public";

    private readonly FrozenDictionary<string, PartitionedRateLimiter<HttpContext>> _limiters;

    public ApiRateLimits(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _limiters = new Dictionary<string, PartitionedRateLimiter<HttpContext>>
        {
            [Submit] = PerClient(configuration.GetValue("RateLimits:Submit", 10)),
            [Public] = PerClient(configuration.GetValue("RateLimits:Public", 120)),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public async ValueTask<TimeSpan?> AcquireAsync(string policy, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_limiters.TryGetValue(policy, out var limiter))
        {
            throw new InvalidOperationException($"No rate limit named '{policy}'.");
        }

        using var lease = await limiter.AcquireAsync(context, 1, context.RequestAborted);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    /// <summary>The 429 answer: Retry-After, and problem+json for the API or the readable page for a page.</summary>
    public static IResult Refused(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Web.PagesServiceCollectionExtensions.IsPageRequest(context)
            ? Web.PageResults.Error(Web.PageContext.For(context.Request), StatusCodes.Status429TooManyRequests)
            : ApiProblems.Simple(context.Request, StatusCodes.Status429TooManyRequests, ProblemTypes.TooManyRequests,
                "Too many requests from your address; try again shortly.", "您的请求过于频繁，请稍后再试。");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters.Values)
        {
            await limiter.DisposeAsync();
        }
    }

    private static PartitionedRateLimiter<HttpContext> PerClient(int permits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
