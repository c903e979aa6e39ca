using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Assist.Functions.Api.OpenApi;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Hosting.Functions;

/// <summary>
/// Serves the app's HTTP-triggered functions without the Functions host, the part <c>func start</c> plays: each
/// <c>[Function]</c> with an <c>[HttpTrigger]</c> is mapped into ASP.NET Core routing at its route (with the host.json
/// route prefix) and methods, and invoked as the worker invokes it — the class built from the container, the trigger's
/// <see cref="HttpRequest"/>, route values by parameter name, <c>[DurableClient]</c> clients and the cancellation token
/// bound, and the <see cref="IResult"/> or <see cref="IActionResult"/> it returns executed. The method's and class's
/// attributes become the endpoint's metadata (authorisation, rate limits, OpenAPI), so nothing is declared twice.
/// Written here because no package serves a Functions app's HTTP functions without the Functions host.
/// </summary>
public static class HttpFunctionEndpoints
{
    /// <summary>The host.json setting that prefixes every HTTP function's route (the host's default is "api").</summary>
    public const string RoutePrefixKey = "AzureFunctionsJobHost:extensions:http:routePrefix";

    public static string RoutePrefix(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[RoutePrefixKey] ?? "api";
    }

    public static IReadOnlyDictionary<HttpFunction, IEndpointConventionBuilder> MapHttpFunctions(
        this IEndpointRouteBuilder endpoints, IEnumerable<HttpFunction> functions, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(functions);
        var mapped = new Dictionary<HttpFunction, IEndpointConventionBuilder>();
        foreach (var function in functions)
        {
            var invoker = new Invoker(function.Method);
            var pattern = function.Pattern(routePrefix);
            var builder = function.Methods.Count == 0
                ? endpoints.Map(pattern, invoker.InvokeAsync)
                : endpoints.MapMethods(pattern, function.Methods, invoker.InvokeAsync);
            var type = function.Method.DeclaringType!;
            builder.WithMetadata(function.Method);
            // What the function pipeline enforces stays off the endpoint, so no ASP.NET Core middleware acts on it twice.
            builder.WithMetadata([.. type.GetCustomAttributes(inherit: true).Concat(function.Method.GetCustomAttributes(inherit: true))
                .SelectMany(a => a is IDeclarationGroup group ? group.Items : [a])
                .Where(a => !EnforcedByThePipeline(a))]);
            builder.WithName(function.Name);
            mapped.Add(function, builder);
        }

        return mapped;
    }

    private static bool EnforcedByThePipeline(object attribute) =>
        attribute is IAuthorizeData or IAllowAnonymous or EnableRateLimitingAttribute or DisableRateLimitingAttribute or IRequestSizeLimitMetadata or IAntiforgeryMetadata;

    private sealed class Invoker
    {
        private readonly MethodInfo method;
        private readonly ObjectFactory? factory;
        private readonly Func<HttpContext, object?>[] binders;
        private readonly PropertyInfo? taskResult;

        public Invoker(MethodInfo method)
        {
            this.method = method;
            factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
            binders = [.. method.GetParameters().Select(Binder)];
            var returns = method.ReturnType;
            if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
            {
                taskResult = returns.GetProperty(nameof(Task<object>.Result));
            }
            else if (returns != typeof(Task) && returns != typeof(void) && !typeof(IResult).IsAssignableFrom(returns) && !typeof(IActionResult).IsAssignableFrom(returns))
            {
                throw new NotSupportedException($"{Describe(method)} returns {returns.Name}; HTTP functions here return IResult or IActionResult (or a Task of one).");
            }
        }

        public async Task InvokeAsync(HttpContext http)
        {
            // The checks every function gets, before the function (the worker's function middleware runs the same).
            HttpFunctionPipeline.EnterCulture(http);
            if (await http.RequestServices.GetRequiredService<HttpFunctionPipeline>().BeforeAsync(http, method) is { } refused)
            {
                await refused.ExecuteAsync(http);
                return;
            }

            var target = factory?.Invoke(http.RequestServices, null);
            try
            {
                var arguments = binders.Select(bind => bind(http)).ToArray();
                var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
                if (returned is Task task)
                {
                    await task;
                    returned = taskResult?.GetValue(task);
                }

                switch (returned)
                {
                    case IResult result:
                        await result.ExecuteAsync(http);
                        break;
                    case IActionResult action:
                        await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
                        break;
                }
            }
            catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
            {
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionEndpoints));
                await HttpFunctionErrors.Answer(http, exception, logger).ExecuteAsync(http);
            }
            finally
            {
                switch (target)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync();
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
        }

        private static Func<HttpContext, object?> Binder(ParameterInfo parameter)
        {
            var type = parameter.ParameterType;
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            {
                return type == typeof(HttpRequest)
                    ? http => http.Request
                    : throw new NotSupportedException($"{Describe(parameter)}: the trigger binds HttpRequest (ASP.NET Core integration).");
            }

            if (type == typeof(CancellationToken))
            {
                return http => http.RequestAborted;
            }

            if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
            {
                return http => http.RequestServices.GetRequiredService(type);
            }

            if (type == typeof(FunctionContext))
            {
                throw new NotSupportedException($"{Describe(parameter)}: HTTP functions take what they need from the HttpRequest, not the FunctionContext.");
            }

            // Anything else binds from the route values by name, as the host's binding data does.
            var name = parameter.Name!;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            var converter = underlying == typeof(string) ? null : TypeDescriptor.GetConverter(underlying);
            var missing = type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
            return http =>
            {
                var value = http.Request.RouteValues[name]?.ToString();
                if (value is null)
                {
                    return missing;
                }

                return converter is null ? value : converter.ConvertFromString(null, CultureInfo.InvariantCulture, value);
            };
        }

        private static string Describe(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

        private static string Describe(ParameterInfo parameter) => $"{Describe((MethodInfo)parameter.Member)}({parameter.Name})";
    }
}
