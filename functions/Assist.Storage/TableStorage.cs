using Azure.Data.Tables;

namespace Assist.Storage;

/// <summary>The few things the adapters need that Azure.Data.Tables does not spell out.</summary>
internal static class TableStorage
{
    /// <summary>The most actions an entity group transaction may hold (one partition, at most 4 MiB).</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>One entity, or null if it does not exist (<see cref="TableClient.GetEntityIfExistsAsync{T}"/> without the wrapper).</summary>
    public static async Task<TableEntity?> FindAsync(this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Joins non-empty filters (each from <see cref="TableClient.CreateQueryFilter(FormattableString)"/>) with <c>and</c>, each parenthesised.</summary>
    public static string And(params IEnumerable<string?> filters) => string.Join(" and ", filters.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => $"({f})"));
}
