using System.Globalization;
using Assist.Domain.Common;
using Assist.Domain.Ledger;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Webhooks;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// Applies a ticket's committed events to everything outside its partition: the staff views, the inbox, the monthly counters, the report projections (ledger, red cards, service times, backlog), webhooks and attachments. Every effect is idempotent by (ticket, version), and
/// the views only ever move forward in version, so running it twice, late or concurrently changes nothing twice.
/// </summary>
internal sealed partial class TicketProjector(WorkflowStorage storage, CounterLedger counters, WebhookOutbox? webhooks, AttachmentStore? attachments)
{
    private const int MaxRaceRetries = 5;

    private readonly ReportProjector _reports = new(storage);

    /// <summary>Applies the effects of events <paramref name="fromVersion"/>..<paramref name="toVersion"/>; <paramref name="history"/> is every event of the ticket.</summary>
    public async Task<int> ApplyAsync(TicketRecord record, IReadOnlyList<(LedgerEntry Entry, TicketEvent Event)> history, int fromVersion, int toVersion, DirectorySnapshot directory, CancellationToken cancellationToken)
    {
        var rows = await ProjectViewsAsync(record, directory, cancellationToken);
        var before = TicketState.Initial;
        foreach (var (entry, @event) in history)
        {
            var version = (int)entry.Version;
            if (version >= fromVersion && version <= toVersion)
            {
                rows += await ApplyEventAsync(record, before, @event, version, directory, cancellationToken);
            }

            before = TicketDecider.Evolve(before, @event);
        }

        rows += await _reports.ProjectLedgerAsync(record, history.Select(h => h.Event), directory.Calendar, cancellationToken);
        return rows;
    }

    private async Task<int> ApplyEventAsync(TicketRecord record, TicketState before, TicketEvent @event, int version, DirectorySnapshot directory, CancellationToken cancellationToken)
    {
        var rows = 0;
        var number = record.Number;
        var deltas = CounterDeltas.For(before, @event).ToList();
        if (deltas.Count > 0)
        {
            await counters.AddAsync(CounterMonth(@event, directory), number, version, deltas, cancellationToken);
            rows += deltas.Count;
        }

        rows += await _reports.ApplyEventAsync(record, before, @event, version, directory.Calendar, cancellationToken);

        if (@event is OfficerAssigned assigned)
        {
            await storage.Views.UpsertEntityAsync(CursorRow(assigned), TableUpdateMode.Replace, cancellationToken);
        }

        if (TicketNotifications.Of(before, @event, directory.Organization, directory.Calendar, directory.Policies.Ladder) is { } notification)
        {
            rows += await NotifyAsync(record, @event, version, notification.Kind, notification.Recipients, notification.NotifyAt, cancellationToken);
        }

        if (attachments is not null && Files(@event) is { Count: > 0 } files)
        {
            await attachments.CommitAsync(number, files, cancellationToken);
        }

        return rows;
    }

    private async Task<int> NotifyAsync(TicketRecord record, TicketEvent @event, int version, string kind, IReadOnlyList<string> recipients, DateTimeOffset notifyAt, CancellationToken cancellationToken)
    {
        foreach (var row in InboxRows(record, @event, version, kind, recipients, notifyAt))
        {
            try
            {
                await storage.ReadModels.AddEntityAsync(row, cancellationToken);
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
            {
                // Delivered before; adding again must not reset the user's "read" mark.
            }
        }

        if (webhooks is not null)
        {
            // Only queued: the receivers are posted to by their own orchestrations, never on the ticket's path.
            await webhooks.EnqueueAsync(record.Number, version, kind, recipients, @event.At, notifyAt, cancellationToken);
        }

        return recipients.Count;
    }

    /// <summary>One inbox row per recipient, keyed newest first by the time to notify, then by (ticket, version, kind).</summary>
    private static IEnumerable<TableEntity> InboxRows(TicketRecord record, TicketEvent @event, int version, string kind, IReadOnlyList<string> recipients, DateTimeOffset notifyAt)
    {
        var (title, titleZh) = NotificationKinds.Titles(kind);
        var subject = record.State.Submission?.Title ?? "";
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - notifyAt.UtcTicks:D19}-{record.Number}-{version:D10}-{kind}");
        foreach (var user in recipients.Distinct(StringComparer.Ordinal))
        {
            yield return new TableEntity(WorkflowKeys.Inbox(user), rowKey)
            {
                ["TicketNumber"] = record.Number,
                ["Kind"] = kind,
                ["Title"] = $"{title}: {record.Number} {subject}",
                ["TitleZh"] = $"{titleZh}：{record.Number} {subject}",
                ["CreatedAt"] = @event.At,
                ["NotifyAt"] = notifyAt,
                ["Read"] = false,
                ["TicketVersion"] = version,
            };
        }
    }

    /// <summary>
    /// Moves the ticket's view rows to the head's version. A tracker row per ticket remembers the version projected
    /// and the rows it has in the views (their slots, <see cref="ViewRows.Slot"/>), so a stale dispatcher stops early
    /// and a fresh one only writes what changed.
    /// </summary>
    private async Task<int> ProjectViewsAsync(TicketRecord record, DirectorySnapshot directory, CancellationToken cancellationToken)
    {
        var number = record.Number;
        var version = record.Version;
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var tracker = await storage.ReadModels.FindAsync(WorkflowKeys.ViewTracker(number), WorkflowKeys.ViewTrackerRow(number), cancellationToken: cancellationToken);
            if (tracker?.GetInt32("Version") is { } projected && projected >= version)
            {
                return 0;
            }

            var rows = ViewRows.Rows(record, directory.Organization.HqOffice?.Id);
            var previousSlots = Lines(tracker?.GetString("Views"));
            foreach (var (slot, row) in rows)
            {
                await VersionedRows.PutIfNewerAsync(storage.Views, row, version, likelyNew: !previousSlots.Contains(slot), cancellationToken);
            }

            var claim = TrackerRow(number, version, rows.Keys);
            try
            {
                if (tracker is null)
                {
                    await storage.ReadModels.AddEntityAsync(claim, cancellationToken);
                }
                else
                {
                    await storage.ReadModels.UpdateEntityAsync(claim, tracker.ETag, TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                var latest = await storage.ReadModels.FindAsync(WorkflowKeys.ViewTracker(number), WorkflowKeys.ViewTrackerRow(number), cancellationToken: cancellationToken);
                if (latest?.GetInt32("Version") is { } newer && newer > version)
                {
                    // A newer version was projected while this one wrote: take back rows it does not want.
                    await TakeBackViewsAsync(latest, number, version, rows.Keys, cancellationToken);
                    return rows.Count;
                }

                continue;
            }

            foreach (var slot in previousSlots.Where(s => !rows.ContainsKey(s)))
            {
                await DeleteSlotAsync(slot, number, version, cancellationToken);
            }

            return rows.Count;
        }

        throw new InvalidOperationException($"Ticket {number}'s views kept changing under the projector.");
    }

    /// <summary>Removes the ticket's rows at <paramref name="version"/> or older from the slots the newer <paramref name="tracker"/> does not list.</summary>
    private async Task TakeBackViewsAsync(TableEntity tracker, string number, int version, IEnumerable<string> slots, CancellationToken cancellationToken)
    {
        var wanted = Lines(tracker.GetString("Views"));
        foreach (var slot in slots.Where(s => !wanted.Contains(s)))
        {
            await DeleteSlotAsync(slot, number, version, cancellationToken);
        }
    }

    private Task DeleteSlotAsync(string slot, string number, int version, CancellationToken cancellationToken)
    {
        var (partition, rowKey) = ViewRows.ParseSlot(slot, number);
        return VersionedRows.DeleteIfNotNewerAsync(storage.Views, partition, rowKey, version, cancellationToken);
    }

    /// <summary>The month of the event, China time: the department counters' period.</summary>
    private static string CounterMonth(TicketEvent @event, DirectorySnapshot directory) =>
        @event.At.ToOffset(directory.Calendar.UtcOffset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The round-robin hint: the officer a department assigned last.</summary>
    private static TableEntity CursorRow(OfficerAssigned assigned) =>
        new(WorkflowKeys.AssignmentPartition, assigned.DepartmentId) { ["OfficerId"] = assigned.OfficerId };

    /// <summary>The files an event brings (committed out of <c>uploads-pending</c> when it is projected).</summary>
    private static ValueList<AttachmentRef>? Files(TicketEvent @event) => @event switch
    {
        TicketSubmitted e => e.Submission.Attachments,
        InformationProvided e => e.Attachments,
        _ => null,
    };

    /// <summary>The tracker: the version projected and the slots of the ticket's rows in the views.</summary>
    private static TableEntity TrackerRow(string number, int version, IEnumerable<string> views) =>
        new(WorkflowKeys.ViewTracker(number), WorkflowKeys.ViewTrackerRow(number))
        {
            ["Version"] = version,
            ["Views"] = string.Join('\n', views),
        };

    private static HashSet<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? new(StringComparer.Ordinal) : new(text.Split('\n'), StringComparer.Ordinal);
}
