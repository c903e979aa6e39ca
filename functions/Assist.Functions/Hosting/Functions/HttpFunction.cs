using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Hosting.Functions;

/// <summary>
/// One HTTP-triggered function as the Functions host reads it from the app's own declarations: the <c>[Function]</c>
/// name, the <c>[HttpTrigger]</c> route, methods and authorisation level, and the method that runs.
/// </summary>
public sealed record HttpFunction(string Name, string? Route, IReadOnlyList<string> Methods, AuthorizationLevel Level, MethodInfo Method)
{
    /// <summary>Every HTTP-triggered function declared in <paramref name="assembly"/>, in a stable order (by name).</summary>
    public static IReadOnlyList<HttpFunction> In(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<HttpFunction>();
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && t.IsPublic))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
                if (function is null || trigger is null)
                {
                    continue;
                }

                var methods = (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToArray();
                functions.Add(new HttpFunction(function.Name, trigger.Route, methods, trigger.AuthLevel, method));
            }
        }

        return [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The path the host serves the function at: the route prefix (<c>extensions.http.routePrefix</c> in host.json)
    /// and the route, which is the function's name when the trigger names none.
    /// </summary>
    public string Pattern(string routePrefix)
    {
        var parts = new[] { routePrefix.Trim('/'), (Route ?? Name).Trim('/') }.Where(p => p.Length > 0);
        return "/" + string.Join('/', parts);
    }
}
