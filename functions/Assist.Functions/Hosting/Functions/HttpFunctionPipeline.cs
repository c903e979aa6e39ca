using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Assist.Functions.Api;
using Assist.Functions.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;

namespace Assist.Functions.Hosting.Functions;

/// <summary>
/// What every HTTP function gets before it runs, one implementation for both hosts: security headers, the page
/// language, the request size cap, the caller's identity, authorisation by the function's
/// <c>[Authorize]</c>/<c>[AllowAnonymous]</c>, its <c>[EnableRateLimiting]</c> limit, and the anti-forgery token of
/// every page form post. Under the Functions worker a function middleware calls it (the worker's ASP.NET Core
/// pipeline is fixed and its endpoints carry no metadata); the local host calls it around each mapped function. The
/// declarations are read from the function's method and class, the same attributes in both hosts.
/// </summary>
public sealed class HttpFunctionPipeline(
    IAuthorizationPolicyProvider policies,
    IPolicyEvaluator evaluator,
    IAuthorizationMiddlewareResultHandler refusals,
    IAntiforgery antiforgery,
    ApiRateLimits limits,
    IHostEnvironment environment)
{
    private readonly ConcurrentDictionary<MethodInfo, Declarations> _declarations = new();

    /// <summary>
    /// Sets the page language on the calling flow. Synchronous on purpose: a culture set inside an awaited method
    /// does not flow back to its caller, and the function runs in the caller's flow.
    /// </summary>
    public static void EnterCulture(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (PagesServiceCollectionExtensions.IsPageRequest(context))
        {
            var culture = PageCulture.Of(context.Request);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>Runs the checks; the answer that ends the request (401, 403, 400, 429), or null to run the function.</summary>
    public async Task<IResult?> BeforeAsync(HttpContext context, MethodInfo function)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(function);
        var declared = _declarations.GetOrAdd(function, Declarations.Of);
        SecurityHeaders.Apply(context);
        if (declared.MaxRequestBodySize is { } cap && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = cap;
        }

        // Who is calling, for every function (a page shows the signed-in person even where anyone may come): the
        // default scheme, with the directory's roles added by the claims transformation. The local host's web
        // application adds ASP.NET Core's authentication middleware by itself (it also answers the sign-in callback),
        // which has done this already; under the worker nothing has.
        if (context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is null)
        {
            var authenticated = await context.AuthenticateAsync();
            if (authenticated.Principal is not null)
            {
                context.User = authenticated.Principal;
            }

            if (authenticated.Succeeded)
            {
                context.Features.Set<IAuthenticateResultFeature>(new Authenticated(authenticated));
            }
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, declared.Authorize) ?? await policies.GetDefaultPolicyAsync();
        var authentication = await evaluator.AuthenticateAsync(policy, context);
        if (declared.Authorize.Count > 0 && !declared.AllowAnonymous)
        {
            var authorization = await evaluator.AuthorizeAsync(policy, authentication, context, resource: context);
            if (!authorization.Succeeded)
            {
                return new Refusal(refusals, policy, authorization);
            }
        }

        // A development-only function outside Development answers as an unknown path, which no limit counts.
        var absent = declared.DevelopmentOnly && !environment.IsDevelopment();
        if (declared.RateLimit is { } limit && !absent && await limits.AcquireAsync(limit, context) is { } retryAfter)
        {
            return ApiRateLimits.Refused(context, retryAfter);
        }

        // Every form a page posts carries the anti-forgery token (API calls send JSON or multipart with their own
        // credentials and are not form posts of a signed-in browser page).
        if (declared.Antiforgery && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && PagesServiceCollectionExtensions.IsPageRequest(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            return PageResults.BadRequest(PageContext.For(context.Request));
        }

        return null;
    }

    /// <summary>What a function declares about itself, read once from its method and class.</summary>
    private sealed record Declarations(IReadOnlyList<IAuthorizeData> Authorize, bool AllowAnonymous, string? RateLimit, long? MaxRequestBodySize, bool Antiforgery, bool DevelopmentOnly)
    {
        public static Declarations Of(MethodInfo method)
        {
            var attributes = method.DeclaringType!.GetCustomAttributes(inherit: true).Concat(method.GetCustomAttributes(inherit: true)).ToList();
            return new Declarations(
                [.. attributes.OfType<IAuthorizeData>()],
                attributes.OfType<IAllowAnonymous>().Any(),
                attributes.OfType<EnableRateLimitingAttribute>().LastOrDefault()?.PolicyName,
                attributes.OfType<IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize,
                attributes.OfType<IAntiforgeryMetadata>().LastOrDefault()?.RequiresValidation ?? true,
                attributes.OfType<Api.Dev.DevelopmentOnlyAttribute>().Any());
        }
    }

    private sealed class Authenticated(AuthenticateResult result) : IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = result;
    }

    /// <summary>A refused authorisation, answered by the app's result handler (problem+json for the API, sign-in or 403 page for a page).</summary>
    private sealed class Refusal(IAuthorizationMiddlewareResultHandler handler, AuthorizationPolicy policy, PolicyAuthorizationResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => handler.HandleAsync(static _ => Task.CompletedTask, httpContext, policy, result);
    }
}
