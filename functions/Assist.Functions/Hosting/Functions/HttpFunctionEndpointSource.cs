using Assist.Functions.Api.OpenApi;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Assist.Functions.Hosting.Functions;

/// <summary>
/// The app's HTTP-triggered functions as ASP.NET Core endpoints, built from their own declarations: the pattern (route
/// prefix from host.json and the trigger's route), the methods, the name, and the method's and class's attributes as
/// metadata (OpenAPI reads them), with declaration groups expanded in place. The local host routes requests through
/// these endpoints, each with the handler it gives; under the Functions host, which routes requests itself, the same
/// endpoints only describe the functions to the OpenAPI document and link generation (see <see cref="Describing"/>).
/// </summary>
/// <remarks>What the function pipeline enforces (authorisation, rate limits, size caps, anti-forgery) stays off the
/// metadata, so no ASP.NET Core middleware acts on it a second time.</remarks>
public sealed class HttpFunctionEndpointSource : EndpointDataSource
{
    /// <summary>The host.json setting that prefixes every HTTP function's route (the host's default is "api").</summary>
    public const string RoutePrefixKey = "AzureFunctionsJobHost:extensions:http:routePrefix";

    public HttpFunctionEndpointSource(IEnumerable<HttpFunction> functions, string routePrefix, Func<HttpFunction, RequestDelegate> handler)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(routePrefix);
        ArgumentNullException.ThrowIfNull(handler);
        Functions = [.. functions];
        Endpoints = [.. Functions.Select(function => Build(function, routePrefix, handler(function)))];
    }

    public IReadOnlyList<HttpFunction> Functions { get; }

    public static string RoutePrefix(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[RoutePrefixKey] ?? "api";
    }

    public override IReadOnlyList<Endpoint> Endpoints { get; }

    public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;

    /// <summary>
    /// The functions of <paramref name="assembly"/> as the Functions host serves them, for description only: a request
    /// never reaches these handlers, because the host routes to the function and the worker invokes it.
    /// </summary>
    public static HttpFunctionEndpointSource Describing(System.Reflection.Assembly assembly, string routePrefix) =>
        new(HttpFunction.In(assembly), routePrefix, function => http =>
            throw new InvalidOperationException($"{function.Name} is served by the Functions host; this endpoint only describes it."));

    private static RouteEndpoint Build(HttpFunction function, string routePrefix, RequestDelegate handler)
    {
        var builder = new RouteEndpointBuilder(handler, RoutePatternFactory.Parse(function.Pattern(routePrefix)), order: 0)
        {
            DisplayName = function.Name,
        };
        builder.Metadata.Add(function.Method);
        if (function.Methods.Count > 0)
        {
            builder.Metadata.Add(new HttpMethodMetadata(function.Methods));
        }

        var type = function.Method.DeclaringType!;
        foreach (var attribute in type.GetCustomAttributes(inherit: true).Concat(function.Method.GetCustomAttributes(inherit: true))
            .SelectMany(a => a is IDeclarationGroup group ? group.Items : [a])
            .Where(a => !EnforcedByThePipeline(a)))
        {
            builder.Metadata.Add(attribute);
        }

        builder.Metadata.Add(new EndpointNameMetadata(function.Name));
        builder.Metadata.Add(new RouteNameMetadata(function.Name));
        return (RouteEndpoint)builder.Build();
    }

    private static bool EnforcedByThePipeline(object attribute) =>
        attribute is IAuthorizeData or IAllowAnonymous or EnableRateLimitingAttribute or DisableRateLimitingAttribute or IRequestSizeLimitMetadata or IAntiforgeryMetadata;
}
