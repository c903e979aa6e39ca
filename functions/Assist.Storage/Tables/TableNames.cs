using System.Text.RegularExpressions;

namespace Assist.Storage.Tables;

/// <summary>Client-side checks of table names and keys, so a bad key fails clearly instead of producing a wrong URL.</summary>
internal static partial class TableNames
{
    public const int MaxKeyLength = 1024;

    public static void ValidateTableName(string tableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        if (!TableNamePattern().IsMatch(tableName))
        {
            throw new ArgumentException($"'{tableName}' is not a valid table name: 3-63 letters and digits, starting with a letter.", nameof(tableName));
        }
    }

    public static void ValidateKey(string? key, string keyName)
    {
        if (key is null)
        {
            throw new ArgumentException($"The {keyName} is missing.", keyName);
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The {keyName} is longer than {MaxKeyLength} characters.", keyName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"The {keyName} contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}', which table storage does not allow in keys.", keyName);
            }
        }
    }

    /// <summary>The key as it appears inside <c>(PartitionKey='…')</c>: quotes doubled, then percent-escaped.</summary>
    public static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
