using Assist.Functions.Lifecycle;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;

namespace Assist.Functions.Hosting.Worker;

/// <summary>
/// Under the Functions worker, binds the <c>[DurableClient]</c> input of a function that declares one before it runs
/// and publishes the client to <see cref="DurableClients"/>, where the ticket use cases' lifecycle finds it: the worker
/// gets the task hub's address only with such an invocation, and the use cases sit below the functions. The binding is
/// cached for the invocation, so the function's own parameter receives the same client.
/// </summary>
public sealed class DurableClientMiddleware(DurableClients clients) : IFunctionsWorkerMiddleware
{
    /// <summary>The binding type the Durable extension writes into functions.metadata for <c>[DurableClient]</c>.</summary>
    public const string BindingType = "durableClient";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var binding = context.FunctionDefinition.InputBindings.Values
            .FirstOrDefault(b => string.Equals(b.Type, BindingType, StringComparison.OrdinalIgnoreCase));
        if (binding is not null && await context.BindInputAsync<DurableTaskClient>(binding) is { Value: { } client })
        {
            clients.Publish(client);
        }

        await next(context);
    }
}
