using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// The development clock's offset from real time, kept beside the sweep cursor so a restarted app (and a second
/// instance) reads the same "now" the tickets' deadlines were moved past. Development only.
/// </summary>
public sealed class ClockOffsetStore(WorkflowStorage storage)
{
    private const string Row = "devclock";

    public async Task<TimeSpan?> LoadAsync(CancellationToken cancellationToken = default)
    {
        var row = await storage.DueTimers.FindAsync(WorkflowKeys.SweepPartition, Row, cancellationToken: cancellationToken);
        return row?.GetInt64("OffsetTicks") is { } ticks ? TimeSpan.FromTicks(ticks) : null;
    }

    public async Task SaveAsync(TimeSpan offset, CancellationToken cancellationToken = default) =>
        await storage.DueTimers.UpsertEntityAsync(
            new TableEntity(WorkflowKeys.SweepPartition, Row) { ["OffsetTicks"] = offset.Ticks },
            TableUpdateMode.Replace,
            cancellationToken);
}
