using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Read-model rows that carry the ticket version they reflect: a row is only ever replaced by a newer version and
/// only deleted by a version at least as new, so dispatches that run twice or out of order leave the newest state.
/// </summary>
internal static class VersionedRows
{
    private const int MaxRaceRetries = 5;
    private const string VersionProperty = "Version";

    /// <summary>
    /// Writes <paramref name="row"/> unless the stored row is at <paramref name="version"/> or newer. With
    /// <paramref name="likelyNew"/> (a ticket entering a view) it tries to add the row first, which is one call instead
    /// of a read and a write, and falls back to the versioned replace if the row exists after all.
    /// </summary>
    public static async Task PutIfNewerAsync(TableClient table, TableEntity row, int version, bool likelyNew = false, CancellationToken cancellationToken = default)
    {
        if (likelyNew)
        {
            try
            {
                await table.AddEntityAsync(row, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
            {
                // It is there (written by a concurrent or earlier dispatch): replace it only with a newer version.
            }
        }

        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var existing = await table.FindAsync(row.PartitionKey, row.RowKey, [nameof(TableEntity.RowKey), VersionProperty], cancellationToken);
            if (existing?.GetInt32(VersionProperty) is { } current && current >= version)
            {
                return;
            }

            try
            {
                if (existing is null)
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                // Someone else wrote the row meanwhile: look again.
            }
        }
    }

    public static async Task DeleteIfNotNewerAsync(TableClient table, string partition, string rowKey, int version, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var existing = await table.FindAsync(partition, rowKey, [nameof(TableEntity.RowKey), VersionProperty], cancellationToken);
            if (existing is null || (existing.GetInt32(VersionProperty) ?? 0) > version)
            {
                return;
            }

            try
            {
                await table.DeleteEntityAsync(partition, rowKey, existing.ETag, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                // Rewritten meanwhile: look again.
            }
        }
    }
}
