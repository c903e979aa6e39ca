using System.Globalization;

namespace Assist.Bench;

/// <summary>"--name value" options of the subcommands.</summary>
internal static class CommandOptions
{
    public static string? String(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    /// <summary>A comma-separated list of positive integers ("--levels 1,64"), or <paramref name="fallback"/>.</summary>
    public static int[] Ints(string[] args, string name, int[] fallback)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0 || i + 1 >= args.Length)
        {
            return fallback;
        }

        var values = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : 0)
            .ToArray();
        return values.Length > 0 && values.All(v => v > 0) ? values : fallback;
    }

    /// <summary>
    /// App settings given as "--set KEY=VALUE" (environment-style keys, e.g.
    /// <c>AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount=8</c>); the benchmarks that run a
    /// bare engine beside the app give its engine settings to both.
    /// </summary>
    public static Dictionary<string, string> Settings(string[] args) =>
        args.Zip(args.Skip(1))
            .Where(p => p.First == "--set" && p.Second.Contains('=', StringComparison.Ordinal))
            .Select(p => p.Second.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
}
