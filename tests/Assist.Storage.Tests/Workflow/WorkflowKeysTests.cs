using Assist.Storage.Workflow;

namespace Assist.Storage.Tests.Workflow;

public sealed class WorkflowKeysTests
{
    private const string First = "2026-0212-7K3M9Q";
    private const string Second = "2026-0212-ABCDEF";
    private static readonly int[] Versions = [1, 2, 9, 10, 11, 100, 1_000_000];

    [Fact]
    public void RowKeys_TwoTickets_NeverShareARowKey()
    {
        // Azurite finds an entity by its row key first, then scans the matches for the partition: shared row keys are slow there.
        Assert.NotEqual(WorkflowKeys.Head(First), WorkflowKeys.Head(Second));
        Assert.NotEqual(WorkflowKeys.Event(First, 1), WorkflowKeys.Event(Second, 1));
        Assert.NotEqual(WorkflowKeys.Outbox(First, 3, 0), WorkflowKeys.Outbox(Second, 3, 0));
        Assert.NotEqual(WorkflowKeys.ViewTrackerRow(First), WorkflowKeys.ViewTrackerRow(Second));
        var one = WorkflowKeys.IdempotencyPartition("key-1");
        var two = WorkflowKeys.IdempotencyPartition("key-2");
        Assert.NotEqual(WorkflowKeys.IdempotencyRow(one), WorkflowKeys.IdempotencyRow(two));
    }

    [Fact]
    public void DeadlineRow_Deadlines_SortSoonestFirstAndNoDeadlineLast()
    {
        var early = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));
        string[] keys =
        [
            WorkflowKeys.DeadlineRow(early, Second),
            WorkflowKeys.DeadlineRow(early.AddDays(1), First),
            WorkflowKeys.DeadlineRow(DateTimeOffset.MaxValue, First),
            WorkflowKeys.DeadlineRow(null, First),
        ];

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OverdueRow_LevelsClocksAndDeadlines_SortAsTheBoardShowsThem()
    {
        var due = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));
        string[] keys =
        [
            WorkflowKeys.OverdueRow(AttentionLevel.Hq, true, due.AddDays(5), First),
            WorkflowKeys.OverdueRow(AttentionLevel.Red, true, due, Second),
            WorkflowKeys.OverdueRow(AttentionLevel.Red, true, due.AddDays(1), First),
            WorkflowKeys.OverdueRow(AttentionLevel.Red, false, due.AddDays(-9), First),
            WorkflowKeys.OverdueRow(AttentionLevel.Yellow, true, due.AddDays(-1), First),
            WorkflowKeys.OverdueRow(AttentionLevel.Yellow, true, null, First),
        ];

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Event_Versions_SortInOrderInsideTheEventRange()
    {
        var keys = Versions.Select(v => WorkflowKeys.Event(First, v)).ToList();

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
        Assert.All(keys, key => Assert.True(InRange(key, WorkflowKeys.EventPrefix)));
        Assert.False(InRange(WorkflowKeys.Head(First), WorkflowKeys.EventPrefix));
        Assert.False(InRange(WorkflowKeys.Outbox(First, 1, 0), WorkflowKeys.EventPrefix));
    }

    [Fact]
    public void Outbox_Keys_LieInsideTheOutboxRangeOnly()
    {
        Assert.True(InRange(WorkflowKeys.Outbox(First, 12, 0), WorkflowKeys.OutboxPrefix));
        Assert.False(InRange(WorkflowKeys.Event(First, 12), WorkflowKeys.OutboxPrefix));
        Assert.False(InRange(WorkflowKeys.Head(First), WorkflowKeys.OutboxPrefix));
    }

    [Fact]
    public void Head_Keys_AreTheOnlyTicketRowsInsideTheHeadRange()
    {
        // Rebuilding the projections finds every ticket by this range across the whole table.
        Assert.True(InRange(WorkflowKeys.Head(First), WorkflowKeys.HeadPrefix));
        Assert.False(InRange(WorkflowKeys.Event(First, 1), WorkflowKeys.HeadPrefix));
        Assert.False(InRange(WorkflowKeys.Outbox(First, 1, 0), WorkflowKeys.HeadPrefix));
        Assert.False(InRange(WorkflowKeys.IdempotencyRow(WorkflowKeys.IdempotencyPartition("key")), WorkflowKeys.HeadPrefix));
    }

    private static bool InRange(string key, string prefix) =>
        string.CompareOrdinal(key, prefix) >= 0 && string.CompareOrdinal(key, WorkflowKeys.PrefixEnd(prefix)) < 0;
}
