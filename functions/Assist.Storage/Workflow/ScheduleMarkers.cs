namespace Assist.Storage.Workflow;

/// <summary>
/// The "to be scheduled" markers a submission leaves in the housekeeping index until its orchestration is scheduled.
/// The lifecycle engine forgets them once an instance exists; the repair sweep takes up those it finds past their grace.
/// </summary>
public sealed class ScheduleMarkers(WorkflowStorage storage)
{
    private readonly HousekeepingIndex _index = new(storage);

    /// <summary>
    /// The markers waiting (none past their grace unless the repair sweep is behind): what an operator sees as
    /// "submissions not yet scheduled", across every instance. Reads the index's buckets of the last two days.
    /// </summary>
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        var now = storage.Time.GetUtcNow();
        var count = 0;
        foreach (var bucket in await _index.ListBucketsAsync(WorkflowKeys.Bucket(now - TimeSpan.FromDays(2)), WorkflowKeys.Bucket(now + TimeSpan.FromHours(1)), cancellationToken))
        {
            count += (await _index.ReadBucketAsync(bucket, cancellationToken)).Count(row => row.RowKey.StartsWith(WorkflowKeys.DispatchPrefix, StringComparison.Ordinal));
        }

        return count;
    }

    /// <summary>Forgets markers whose orchestrations are scheduled, those of one minute bucket in one transaction.</summary>
    public Task ForgetAsync(IReadOnlyCollection<ScheduleMarker> markers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markers);
        return markers.Count == 0 ? Task.CompletedTask : _index.DeleteMarkersAsync(markers, cancellationToken);
    }
}
