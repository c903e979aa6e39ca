using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Group commit for first projections. Submissions taken off the background queue together are projected together:
/// every row they write is gathered first, and rows that share a partition — a desk, a department queue, a minute of
/// timers, a month's counters, a ledger index — go in one entity-group transaction. Twenty tickets on five desks cost
/// five desk transactions instead of twenty.
/// </summary>
/// <remarks>
/// Only first commits (the whole history in hand, nothing projected yet) take this path, so every view, ledger,
/// counter and inbox row is <em>added</em>: a row that is already there means someone projected the ticket first
/// (the sweep, a staff command), the transaction fails whole on it, and that ticket is "in doubt". The rest of the
/// group goes on without it. The tracker and the ledger's primary row — what tells a later dispatcher how far the
/// ticket is projected — are added last, only for tickets whose other rows are all in. A ticket in doubt is then
/// projected one by one (<see cref="ApplyAsync"/>, idempotent), and rows the group added for it are taken back if a
/// newer version is projected meanwhile, as the one-by-one path does when it loses a race.
/// </remarks>
internal sealed partial class TicketProjector
{
    public async Task ApplyFirstCommitsAsync(IReadOnlyList<CommittedBatch> batches, DirectorySnapshot directory, CancellationToken cancellationToken)
    {
        var writes = new GroupedWrites();
        var last = new GroupedWrites();
        var plans = new List<Plan>(batches.Count);
        var buckets = new HashSet<string>(StringComparer.Ordinal);
        var hq = directory.Organization.HqOffice?.Id;
        foreach (var batch in batches)
        {
            var record = batch.Record;
            var number = record.Number;
            var timers = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var timer in TicketDecider.Timers(record.State))
            {
                var row = TimerRow(number, timer);
                row.PartitionKey = dueIndex.BucketFor(timer.DueAt);
                buckets.Add(row.PartitionKey);
                timers.Add(row.RowKey);
                writes.Add(storage.DueTimers, TableTransactionActionType.UpsertReplace, row, number);
            }

            var views = ViewRows.Views(record.State, hq);
            foreach (var view in views)
            {
                writes.Add(storage.Views, TableTransactionActionType.Add, ViewRows.Row(view, record), number);
            }

            var before = TicketState.Initial;
            foreach (var (entry, @event) in batch.History)
            {
                var version = (int)entry.Version;
                var deltas = CounterDeltas.For(before, @event).ToList();
                if (deltas.Count > 0)
                {
                    counters.Plan(writes, CounterMonth(@event, directory), number, version, deltas);
                }

                _reports.PlanEvent(writes, record, before, @event, version, directory.Calendar);
                if (@event is OfficerAssigned assigned)
                {
                    writes.Add(storage.Views, TableTransactionActionType.UpsertReplace, CursorRow(assigned), number);
                }

                if (NotificationKinds.Of(@event) is { } notification)
                {
                    foreach (var row in InboxRows(record, @event, version, notification.Kind, notification.Recipients, notification.NotifyAt))
                    {
                        writes.Add(storage.ReadModels, TableTransactionActionType.Add, row, number);
                    }
                }

                before = TicketDecider.Evolve(before, @event);
            }

            var ledger = _reports.PlanLedger(writes, last, record, batch.History.Select(h => h.Event), directory.Calendar);
            last.Add(storage.ReadModels, TableTransactionActionType.Add, TrackerRow(number, record.Version, views, timers), number);
            plans.Add(new Plan(batch, views, ledger));
        }

        foreach (var bucket in buckets)
        {
            await dueIndex.IndexAsync(bucket, cancellationToken);
        }

        var inDoubt = await writes.SubmitAsync(new HashSet<string>(StringComparer.Ordinal), cancellationToken);
        inDoubt.UnionWith(await last.SubmitAsync(inDoubt, cancellationToken));
        await writes.FoldAsync(cancellationToken);

        foreach (var plan in plans)
        {
            var record = plan.Batch.Record;
            if (inDoubt.Contains(record.Number))
            {
                await ApplyInDoubtAsync(plan, directory, cancellationToken);
                continue;
            }

            // Rows are in; what remains leaves the account (files out of uploads-pending, webhooks).
            foreach (var (entry, @event) in plan.Batch.History)
            {
                if (attachments is not null && Files(@event) is { Count: > 0 } files)
                {
                    await attachments.CommitAsync(record.Number, files, cancellationToken);
                }

                if (NotificationKinds.Of(@event) is { } notification)
                {
                    await EnqueueWebhookAsync(record, (int)entry.Version, notification.Kind, notification.Recipients, notification.NotifyAt, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// A ticket the group could not project whole: projected one by one, then any row the group added for it that a
    /// newer projection does not want is taken back.
    /// </summary>
    private async Task ApplyInDoubtAsync(Plan plan, DirectorySnapshot directory, CancellationToken cancellationToken)
    {
        var record = plan.Batch.Record;
        await ApplyAsync(record, plan.Batch.History, 1, record.Version, directory, cancellationToken);
        var tracker = await storage.ReadModels.FindAsync(WorkflowKeys.ViewTracker(record.Number), WorkflowKeys.ViewTrackerRow(record.Number), cancellationToken: cancellationToken);
        if (tracker?.GetInt32("Version") is { } newer && newer > record.Version)
        {
            await TakeBackViewsAsync(tracker, record.Number, record.Version, plan.Views, cancellationToken);
        }

        if (plan.Ledger is { } ledger)
        {
            await _reports.TakeBackLedgerAsync(ledger.RowKey, ledger.Partitions, record.Version, cancellationToken);
        }
    }

    private sealed record Plan(CommittedBatch Batch, IReadOnlyCollection<string> Views, (string RowKey, IReadOnlyList<string> Partitions)? Ledger);
}
