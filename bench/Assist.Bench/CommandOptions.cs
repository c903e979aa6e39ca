using System.Globalization;

namespace Assist.Bench;

/// <summary>"--name value" options of the subcommands.</summary>
internal static class CommandOptions
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
