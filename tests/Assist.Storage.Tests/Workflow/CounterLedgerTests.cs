using Assist.Domain.Scoring;
using Assist.Storage.Pipeline;
using Assist.Storage.Workflow;
using Assist.Tests;
using Azure.Data.Tables;

namespace Assist.Storage.Tests.Workflow;

/// <summary>Exactly-once monthly counters whose folding is amortised over events (<see cref="FoldSchedule"/>).</summary>
[Collection(UsesAzurite.Name)]
public sealed class CounterLedgerTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task AddAsync_ManyEventsTwice_SumsEachOnceAndFoldsSome()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ledger = new CounterLedger(harness.Storage);
        var events = Enumerable.Range(1, 60).Select(i => ($"2026-0301-T{i:D5}", i % 5 + 1)).ToList();
        var one = DepartmentCounts.Zero("finance") with { SignInsDue = 1, Replied = 2 };

        foreach (var (ticket, version) in events.Concat(events))
        {
            await ledger.AddAsync("2026-03", ticket, version, [one], CancellationToken.None);
        }

        var totals = await ledger.ReadMonthAsync("2026-03", CancellationToken.None);
        Assert.Equal(60, totals["finance"].SignInsDue);
        Assert.Equal(120, totals["finance"].Replied);
        var partition = WorkflowKeys.CounterPartition("2026-03", "finance");
        var rows = new List<TableEntity>();
        await foreach (var row in harness.Storage.Counters.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        // Some events folded their partition on the way (not every one: that is the schedule's point).
        var aggregate = Assert.Single(rows, r => r.RowKey == WorkflowKeys.CounterTotalRow);
        Assert.InRange(aggregate.GetInt32(nameof(DepartmentCounts.SignInsDue)) ?? 0, 1, 60);
        Assert.InRange(events.Count(e => FoldSchedule.IsDue(e.Item1, e.Item2)), 1, 59);
        // Each folded delta is in the aggregate exactly once (its marker is kept, so a late re-dispatch finds its key taken).
        Assert.Equal(rows.Count(CounterFold.IsFolded), aggregate.GetInt32(nameof(DepartmentCounts.SignInsDue)));
    }

    [Fact]
    public async Task FoldAsync_ThousandsOfFoldedMarkers_ReadsOnlyTheRowsItFolds()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ledger = new CounterLedger(harness.Storage);
        var partition = WorkflowKeys.CounterPartition("2026-03", "finance");
        var now = harness.Time.GetUtcNow();
        var one = DepartmentCounts.Zero("finance") with { SignInsDue = 1 };
        // A busy month: 1,500 deltas folded a day ago (markers kept for a late re-dispatch), 3 past their retention,
        // and 5 new unfolded deltas, two of them written the way the ledger writes them.
        var rows = new List<TableEntity> { Row(WorkflowKeys.CounterTotalRow, 1_503) };
        rows.AddRange(Enumerable.Range(0, 1_500).Select(i => Folded($"a{i:D5}", now - TimeSpan.FromDays(1))));
        rows.AddRange(Enumerable.Range(0, 3).Select(i => Folded($"b{i:D5}", now - CounterFold.FoldedRetention - TimeSpan.FromHours(1))));
        rows.AddRange(Enumerable.Range(0, 3).Select(i => CounterFold.Unfolded(Row($"d|c{i:D5}|1", 1))));
        foreach (var chunk in rows.Chunk(TableStorage.MaxTransactionActions))
        {
            await harness.Storage.Counters.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        }

        // Tickets whose events do not fold on their own (FoldSchedule), so the fold below is the only one.
        foreach (var ticket in Enumerable.Range(1, 100).Select(i => $"2026-0301-T{i:D5}").Where(t => !FoldSchedule.IsDue(t, 1)).Take(2))
        {
            await ledger.AddAsync("2026-03", ticket, 1, [one], CancellationToken.None);
        }

        var before = harness.Clients.Metering.Snapshot();
        await ledger.FoldAsync(partition, "finance", CancellationToken.None);
        var used = harness.Clients.Metering.Snapshot().Since(before);

        // One query page (aggregate, unfolded, expired), not two of kept markers, and one transaction.
        Assert.Equal(1, used[StorageOperationKind.TableQuery]);
        Assert.Equal(1, used[StorageOperationKind.TableBatch]);
        var left = new List<TableEntity>();
        await foreach (var row in harness.Storage.Counters.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            left.Add(row);
        }

        Assert.Equal(1_508, Assert.Single(left, r => r.RowKey == WorkflowKeys.CounterTotalRow).GetInt32(nameof(DepartmentCounts.SignInsDue)));
        Assert.DoesNotContain(left, r => r.RowKey.StartsWith('b'));
        Assert.Equal(1_505, left.Count(CounterFold.IsFolded));
        Assert.Equal(1_508, (await ledger.ReadMonthAsync("2026-03", CancellationToken.None))["finance"].SignInsDue);

        TableEntity Row(string rowKey, int signInsDue) =>
            new(partition, rowKey) { ["DepartmentId"] = "finance", [nameof(DepartmentCounts.SignInsDue)] = signInsDue };

        TableEntity Folded(string rowKey, DateTimeOffset foldedAt) =>
            new(partition, rowKey) { [CounterFold.Folded] = true, [CounterFold.FoldedAt] = foldedAt, ["DepartmentId"] = "finance" };
    }
}
