using System.Collections.Concurrent;
using System.Reflection;
using Assist.Functions.Hosting.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Assist.Functions.Hosting.Worker;

/// <summary>
/// Under the Functions worker, runs the <see cref="HttpFunctionPipeline"/> before every HTTP function and answers its
/// failures with <see cref="HttpFunctionErrors"/> — what ASP.NET Core middleware does in the local host, which the
/// worker's fixed pipeline cannot (an ASP.NET middleware that ends a request hangs the invocation, and endpoints carry
/// no metadata). A refusal or an error becomes the invocation's result, which the worker executes after this returns.
/// Timer, orchestration and activity functions pass straight through.
/// </summary>
public sealed class HttpFunctionMiddleware(HttpFunctionPipeline pipeline, ILogger<HttpFunctionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, MethodInfo> Methods = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        if (await AroundAsync(http, EntryPoint(context.FunctionDefinition), () => next(context)) is { } answer)
        {
            context.GetInvocationResult().Value = answer;
        }
    }

    /// <summary>
    /// What the worker does around one HTTP function: the pipeline's checks before it runs (<paramref name="function"/>
    /// is the method whose declarations they read), and an answer to its failure. Returns the answer that replaces the
    /// function's (a refusal or an error), or null when the function ran and answered itself.
    /// </summary>
    public async Task<IResult?> AroundAsync(HttpContext http, MethodInfo function, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(next);
        HttpFunctionPipeline.EnterCulture(http);
        if (await pipeline.BeforeAsync(http, function) is { } refused)
        {
            return refused;
        }

        try
        {
            await next();
            return null;
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            return HttpFunctionErrors.Answer(http, exception, logger);
        }
    }

    /// <summary>The method behind a function, from its definition's entry point ("Namespace.Type.Method") in this assembly.</summary>
    public static MethodInfo EntryPoint(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Methods.GetOrAdd(definition.EntryPoint, static entryPoint =>
        {
            var split = entryPoint.LastIndexOf('.');
            var type = typeof(HttpFunctionMiddleware).Assembly.GetType(entryPoint[..split], throwOnError: true)!;
            return type.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                ?? throw new InvalidOperationException($"No public method for the function entry point {entryPoint}.");
        });
    }
}
