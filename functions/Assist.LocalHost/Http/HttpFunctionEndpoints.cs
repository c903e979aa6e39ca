using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Assist.Functions.Hosting.Functions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace Assist.LocalHost.Http;

/// <summary>
/// Serves the app's HTTP-triggered functions without the Functions host, the part <c>func start</c> plays: each
/// <c>[Function]</c> with an <c>[HttpTrigger]</c> is routed at the endpoint <see cref="HttpFunctionEndpointSource"/>
/// builds from its declarations (host.json route prefix, route, methods, metadata), and invoked as the worker invokes
/// it — the class built from the container, the trigger's <see cref="HttpRequest"/>, route values by parameter name,
/// <c>[DurableClient]</c> clients and the cancellation token bound, after the same <see cref="HttpFunctionPipeline"/>
/// the worker's middleware runs, and the <see cref="IResult"/> or <see cref="IActionResult"/> it returns executed.
/// Written here because no package serves a Functions app's HTTP functions without the Functions host.
/// </summary>
public static class HttpFunctionEndpoints
{
    /// <summary>Every HTTP function of <paramref name="assembly"/> as an endpoint that invokes it: the local host's HTTP table.</summary>
    public static HttpFunctionEndpointSource For(Assembly assembly, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new HttpFunctionEndpointSource(HttpFunction.In(assembly), routePrefix, function => new Invoker(function.Method).InvokeAsync);
    }

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, HttpFunctionEndpointSource functions)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.DataSources.Add(functions);
        return endpoints;
    }

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
