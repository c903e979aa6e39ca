using System.Diagnostics.CodeAnalysis;

namespace Assist.Storage.Tables;

/// <summary>
/// The service's two continuation headers as one opaque token ("NextPartitionKey NextRowKey"), as
/// Azure.Data.Tables does; the service's values never contain a space.
/// </summary>
internal static class TableContinuationToken
{
    public static string? Format(string? nextPartitionKey, string? nextRowKey) =>
        string.IsNullOrEmpty(nextPartitionKey) ? null : string.IsNullOrEmpty(nextRowKey) ? nextPartitionKey : $"{nextPartitionKey} {nextRowKey}";

    public static bool TryParse(string? token, [NotNullWhen(true)] out string? nextPartitionKey, out string? nextRowKey)
    {
        nextPartitionKey = null;
        nextRowKey = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            return false;
        }

        var space = token.IndexOf(' ', StringComparison.Ordinal);
        nextPartitionKey = space < 0 ? token : token[..space];
        nextRowKey = space < 0 ? null : token[(space + 1)..];
        return true;
    }
}
