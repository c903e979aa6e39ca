using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Assist.LocalHost.Durable;

/// <summary>
/// The app's orchestration and activity functions (<c>[Function]</c> with <c>[OrchestrationTrigger]</c> or
/// <c>[ActivityTrigger]</c>), read from their declarations, as the Microsoft.DurableTask worker of the local host runs
/// them: the same methods the Durable extension invokes under the Functions host, bound the same way.
/// </summary>
public sealed record DurableFunction(string Name, DurableFunctionKind Kind, MethodInfo Method)
{
    public static IReadOnlyList<DurableFunction> In(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new List<DurableFunction>();
        foreach (var method in assembly.GetTypes().Where(t => t.IsClass && t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            var parameters = method.GetParameters();
            if (parameters.Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null))
            {
                found.Add(new DurableFunction(function.Name, DurableFunctionKind.Orchestration, method));
            }
            else if (parameters.Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null))
            {
                found.Add(new DurableFunction(function.Name, DurableFunctionKind.Activity, method));
            }
        }

        return [.. found.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Registers every function of <paramref name="functions"/> with a Durable Task worker.</summary>
    public static void Register(DurableTaskRegistry registry, IEnumerable<DurableFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions)
        {
            if (function.Kind == DurableFunctionKind.Orchestration)
            {
                var orchestrator = new FunctionOrchestrator(function.Method);
                registry.AddOrchestrator(function.Name, () => orchestrator);
            }
            else
            {
                registry.AddActivity(function.Name, services => new FunctionActivity(function.Method, services));
            }
        }
    }

    /// <summary>What a method returns once its task completes, and the type it is declared to return.</summary>
    private static Type ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetGenericArguments()[0]
            : method.ReturnType == typeof(Task) || method.ReturnType == typeof(void) ? typeof(object) : method.ReturnType;

    private static async Task<object?> InvokeAsync(MethodInfo method, object? target, object?[] arguments)
    {
        var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    /// <summary>
    /// An orchestrator function: the context for its trigger parameter and the orchestration's input for the other,
    /// which the Durable extension binds too (the method never calls <c>GetInput</c>, so it runs the same under both hosts).
    /// </summary>
    private sealed class FunctionOrchestrator : ITaskOrchestrator
    {
        private readonly MethodInfo _method;
        private readonly ParameterInfo[] _parameters;

        public FunctionOrchestrator(MethodInfo method)
        {
            if (!method.IsStatic)
            {
                throw new NotSupportedException($"{method.DeclaringType!.Name}.{method.Name}: orchestrator functions here are static (they hold no state and take no services).");
            }

            _method = method;
            _parameters = method.GetParameters();
            InputType = _parameters.FirstOrDefault(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is null)?.ParameterType ?? typeof(object);
            OutputType = ResultType(method);
        }

        public Type InputType { get; }

        public Type OutputType { get; }

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            InvokeAsync(_method, null, [.. _parameters.Select(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null ? context : input)]);
    }

    /// <summary>An activity function: its class built from the container, the input for its trigger parameter.</summary>
    private sealed class FunctionActivity(MethodInfo method, IServiceProvider services) : ITaskActivity
    {
        private readonly ParameterInfo[] _parameters = method.GetParameters();

        public Type InputType => _parameters.Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;

        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);
            var arguments = _parameters.Select(p =>
                p.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? input
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : throw new NotSupportedException($"{method.DeclaringType!.Name}.{method.Name}({p.Name}): activities here take their input and a cancellation token."));
            return InvokeAsync(method, target, [.. arguments]);
        }
    }
}

public enum DurableFunctionKind
{
    Orchestration,
    Activity,
}
