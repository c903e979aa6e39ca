using Assist.Domain.Scoring;
using Assist.Storage.Tables;
using Assist.Storage.Workflow;
using Assist.Tests;

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
        await foreach (var row in harness.Storage.Counters.QueryAsync(TableFilter.Create($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        // Some events folded their partition on the way (not every one: that is the schedule's point).
        var aggregate = Assert.Single(rows, r => r.RowKey == WorkflowKeys.CounterTotalRow);
        Assert.InRange(aggregate.GetInt32(nameof(DepartmentCounts.SignInsDue)) ?? 0, 1, 60);
        Assert.InRange(events.Count(e => FoldSchedule.IsDue(e.Item1, e.Item2)), 1, 59);
        // Each folded delta is in the aggregate exactly once (its marker is kept, so a late re-dispatch finds its key taken).
        Assert.Equal(rows.Count(r => r.GetBoolean("Folded") == true), aggregate.GetInt32(nameof(DepartmentCounts.SignInsDue)));
    }
}
