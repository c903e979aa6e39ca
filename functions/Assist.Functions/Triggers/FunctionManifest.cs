using System.Text.Json;
using System.Text.RegularExpressions;
using NCrontab;

namespace Assist.Functions.Triggers;

/// <summary>
/// The function folders beside the executable (each with a <c>function.json</c>), read and validated the way
/// the Functions host would: known binding types, exactly one trigger, timer schedules that parse.
/// </summary>
public sealed partial class FunctionManifest
{
    /// <summary>The binding types this app's functions may use.</summary>
    public static readonly IReadOnlySet<string> KnownBindingTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "httpTrigger", "http", "timerTrigger", "queueTrigger", "queue", "blobTrigger", "blob", "table",
    };

    private FunctionManifest(string root, IReadOnlyList<FunctionDefinition> functions)
    {
        Root = root;
        Functions = functions;
    }

    public string Root { get; }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public IEnumerable<FunctionDefinition> Timers => Functions.Where(f => f.IsTimer);

    /// <summary>Reads every <c>*/function.json</c> under <paramref name="root"/>.</summary>
    public static FunctionManifest Load(string root)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(directory, "function.json");
            if (!File.Exists(file))
            {
                continue;
            }

            using var stream = File.OpenRead(file);
            var document = JsonSerializer.Deserialize<FunctionFile>(stream)
                ?? throw new InvalidDataException($"{file} is empty.");
            functions.Add(new FunctionDefinition(Path.GetFileName(directory), file, document.Bindings ?? []));
        }

        return new FunctionManifest(root, functions);
    }

    /// <summary>Problems the Functions host would reject or this app cannot serve; empty when all is well.</summary>
    public IReadOnlyList<string> Validate(Func<string, string?>? appSetting = null)
    {
        var problems = new List<string>();
        foreach (var function in Functions)
        {
            if (!FunctionNamePattern().IsMatch(function.Name))
            {
                problems.Add($"{function.Name}: a function name must start with a letter and hold only letters, digits, '_' and '-'.");
            }

            foreach (var binding in function.Bindings)
            {
                if (!KnownBindingTypes.Contains(binding.Type))
                {
                    problems.Add($"{function.Name}: unknown binding type '{binding.Type}'.");
                }

                if (binding.Direction is not ("in" or "out" or "inout"))
                {
                    problems.Add($"{function.Name}: binding '{binding.Name}' has direction '{binding.Direction}', expected in, out or inout.");
                }

                if (string.IsNullOrWhiteSpace(binding.Name))
                {
                    problems.Add($"{function.Name}: a binding of type '{binding.Type}' has no name.");
                }
            }

            var triggers = function.Bindings.Count(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            if (triggers != 1)
            {
                problems.Add($"{function.Name}: expected exactly one trigger binding, found {triggers}.");
            }

            if (function.IsTimer && !TryParseSchedule(function.Trigger!.Schedule, appSetting, out _, out var error))
            {
                problems.Add($"{function.Name}: {error}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Parses an NCRONTAB schedule as the Functions host does: six fields (with seconds) or five, and
    /// <c>%Setting%</c> resolved from app settings.
    /// </summary>
    public static bool TryParseSchedule(string? schedule, Func<string, string?>? appSetting, out CrontabSchedule? parsed, out string? error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(schedule))
        {
            error = "the timer trigger has no schedule.";
            return false;
        }

        var expression = schedule.Trim();
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            var setting = expression[1..^1];
            expression = appSetting?.Invoke(setting)?.Trim() ?? string.Empty;
            if (expression.Length == 0)
            {
                error = $"the schedule refers to app setting '{setting}', which is not set.";
                return false;
            }
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"the schedule '{expression}' has {fields} fields; NCRONTAB needs 6 (with seconds) or 5.";
            return false;
        }

        parsed = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
        error = parsed is null ? $"the schedule '{expression}' is not a valid NCRONTAB expression." : null;
        return parsed is not null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionNamePattern();

    private sealed record FunctionFile(
        [property: System.Text.Json.Serialization.JsonPropertyName("bindings")] IReadOnlyList<FunctionBinding>? Bindings);
}
