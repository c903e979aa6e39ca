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

        HttpFunctionPipeline.EnterCulture(http);
        if (await pipeline.BeforeAsync(http, EntryPoint(context.FunctionDefinition)) is { } refused)
        {
            context.GetInvocationResult().Value = refused;
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            context.GetInvocationResult().Value = HttpFunctionErrors.Answer(http, exception, logger);
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
