using System.Globalization;
using System.Text;

namespace Assist.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions where only the format string is syntax and every interpolated
/// value becomes a correctly typed, escaped literal — so a value like <c>x' or PartitionKey ne '</c> can only
/// ever match itself. <c>TableFilter.Create($"PartitionKey eq {pk} and Amount gt {100L}")</c>.
/// </summary>
public static class TableFilter
{
    /// <summary>Formats <paramref name="filter"/>, turning each argument into an OData literal.</summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select((argument, index) => (object)Literal(argument, index)).ToArray();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>Joins non-empty filters with <c>and</c>, each parenthesised so operator precedence cannot change their meaning.</summary>
    public static string And(params IEnumerable<string?> filters) => Join("and", filters);

    /// <summary>Joins non-empty filters with <c>or</c>, each parenthesised.</summary>
    public static string Or(params IEnumerable<string?> filters) => Join("or", filters);

    /// <summary>One value as an OData literal of its Edm type.</summary>
    public static string Literal(object? value) => Literal(value, 0);

    private static string Literal(object? value, int index) => value switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => DoubleLiteral(d),
        DateTimeOffset t => "datetime'" + t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTime t => Literal(new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()), index),
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        BinaryData binary => Literal(binary.ToArray(), index),
        null => throw new ArgumentException($"Filter argument {index} is null; table storage has no null literal (test for absence differently).", nameof(value)),
        _ => throw new ArgumentException($"Filter argument {index} has type {value.GetType().Name}, which has no table-storage literal.", nameof(value)),
    };

    private static string DoubleLiteral(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        // "2" would be read as an Int32 literal; keep it a Double.
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Join(string op, IEnumerable<string?> filters)
    {
        var parts = filters.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (parts.Count == 1)
        {
            return parts[0]!;
        }

        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ').Append(op).Append(' ');
            }

            builder.Append('(').Append(part).Append(')');
        }

        return builder.ToString();
    }
}
