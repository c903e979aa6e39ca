using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Assist.LocalHost.Timers;

/// <summary>A timer-triggered function as read from its <c>[Function]</c> and <c>[TimerTrigger]</c> declarations.</summary>
public sealed record TimerFunction(string Name, string Schedule, bool RunOnStartup, MethodInfo Method)
{
    public static IReadOnlyList<TimerFunction> In(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new List<TimerFunction>();
        foreach (var method in assembly.GetTypes().Where(t => t.IsClass && t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is { } function
                && method.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null) is { } trigger)
            {
                found.Add(new TimerFunction(function.Name, trigger.Schedule, trigger.RunOnStartup, method));
            }
        }

        return [.. found.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The schedule as the host reads it: a <c>%Name%</c> expression names an app setting; six fields (with seconds) or
    /// five. Fails with what is wrong, so a bad schedule stops the start as it stops the host's.
    /// </summary>
    public CrontabSchedule ParseSchedule(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var expression = Schedule;
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            expression = setting(expression[1..^1].Replace("__", ":", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"{Name}: the schedule names the app setting {Schedule}, which is not set.");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            throw new InvalidOperationException($"{Name}: '{expression}' is not an NCRONTAB expression (5 or 6 fields).");
        }

        return CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
            ?? throw new InvalidOperationException($"{Name}: '{expression}' is not a valid NCRONTAB expression.");
    }
}
