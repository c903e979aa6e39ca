using Assist.Domain.Calendar;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Reports;

/// <summary>
/// The report projections of a ticket, run by the outbox dispatcher beside the views and department counters:
/// service-time, backlog and 按时办结率 counters per event (exactly once by ticket and version), red cards for the 通报 per
/// event, and the ticket's ledger line with its secondary index rows once per dispatch. Idempotent and safe to run
/// late, twice or concurrently, like the rest of the projector.
/// </summary>
internal sealed class ReportProjector(WorkflowStorage storage)
{
    private const int MaxRaceRetries = 5;

    public CounterFamily Measures { get; } = new(storage, ReportKeys.MeasureFamily, MeasureDeltas.TimeColumns);

    public CounterFamily Flow { get; } = new(storage, ReportKeys.FlowFamily, MeasureDeltas.FlowColumns);

    public CounterFamily Completion { get; } = new(storage, ReportKeys.CompletionFamily, CompletionDeltas.Columns);

    /// <summary>Counters and red cards of one event (version <paramref name="version"/>); <paramref name="before"/> is the state it applied to.</summary>
    public async Task<int> ApplyEventAsync(TicketRecord record, TicketState before, TicketEvent @event, int version, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var rows = 0;
        foreach (var (family, period, series, delta) in Deltas(before, @event, calendar))
        {
            await family.AddAsync(period, series, record.Number, version, delta, cancellationToken);
            rows++;
        }

        if (@event is EscalationRaised { Rung: EscalationRung.RedCard } red)
        {
            await storage.ReadModels.UpsertEntityAsync(RedCardRow(before, red, version, calendar), TableUpdateMode.Replace, cancellationToken);
            rows++;
        }

        return rows;
    }

    /// <summary>The service-time, backlog and 按时办结率 deltas of one event.</summary>
    private IEnumerable<(CounterFamily Family, string Period, string Series, IReadOnlyDictionary<string, long> Delta)> Deltas(TicketState before, TicketEvent @event, WorkingCalendar calendar)
    {
        if (MeasureDeltas.Times(before, @event, calendar) is { } times)
        {
            yield return (Measures, MeasureDeltas.Month(@event.At, calendar), times.DepartmentId, MeasureDeltas.Columns(times));
        }

        if (MeasureDeltas.Flow(@event) is { } flow)
        {
            yield return (Flow, MeasureDeltas.Day(@event.At, calendar), ReportKeys.AllDepartments, flow);
        }

        foreach (var completion in CompletionDeltas.For(before, TicketDecider.Evolve(before, @event), calendar))
        {
            yield return (Completion, completion.Period, completion.DepartmentId, completion.Columns);
        }
    }

    public static TableEntity RedCardRow(TicketState before, EscalationRaised red, int version, WorkingCalendar calendar)
    {
        var submission = before.Submission;
        var row = new TableEntity(ReportKeys.RedCards(MeasureDeltas.Month(red.At, calendar)), ReportKeys.RedCardRow(before.TicketNumber, version))
        {
            ["Number"] = before.TicketNumber,
            ["At"] = red.At,
            ["DueAt"] = red.DueAt,
            ["WorkingDaysOverdue"] = red.WorkingDaysOverdue,
            ["Title"] = submission?.Title ?? "",
            ["Topic"] = submission?.Topic ?? "",
            ["Confidential"] = submission?.Confidential == true,
        };
        // A confidential enterprise's name is not even stored with a red card: the 通报 is read widely.
        if (submission is { Confidential: false })
        {
            row["EnterpriseName"] = submission.Enterprise.Name;
        }

        if ((red.DepartmentId ?? before.LeadDepartmentId) is { } department)
        {
            row["DepartmentId"] = department;
        }

        if (before.OfficerId is { } officer)
        {
            row["OfficerId"] = officer;
        }

        return row;
    }

    /// <summary>
    /// Moves the ticket's ledger line (primary row and index rows) to the record's version. The primary row is the
    /// tracker: it remembers the version and the index partitions written, and is replaced with If-Match, so a stale
    /// dispatcher stops early, and one that lost a race copies the winner's line over whatever it wrote.
    /// </summary>
    public async Task<int> ProjectLedgerAsync(TicketRecord record, IEnumerable<TicketEvent> events, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        if (LedgerRows.Line(record, events) is not { } line)
        {
            return 0;
        }

        var rowKey = LedgerRows.RowKey(line, calendar);
        var partitions = LedgerRows.Partitions(line, calendar);
        var primaryPartition = partitions[0];
        for (var attempt = 0; attempt < MaxRaceRetries; attempt++)
        {
            var primary = await storage.ReadModels.FindAsync(primaryPartition, rowKey, [nameof(TableEntity.RowKey), "Version", LedgerRows.IndexesColumn], cancellationToken);
            if (primary?.GetInt32("Version") is { } projected && projected >= line.Version)
            {
                return 0;
            }

            // Index rows in different partitions cannot share a transaction; written side by side, then the primary.
            await Task.WhenAll(partitions.Skip(1).Select(p =>
                storage.ReadModels.UpsertEntityAsync(LedgerRows.Row(p, rowKey, line), TableUpdateMode.Replace, cancellationToken)));
            var row = LedgerRows.Row(primaryPartition, rowKey, line, partitions.Skip(1));
            try
            {
                if (primary is null)
                {
                    await storage.ReadModels.AddEntityAsync(row, cancellationToken);
                }
                else
                {
                    await storage.ReadModels.UpdateEntityAsync(row, primary.ETag, TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                var latest = await storage.ReadModels.FindAsync(primaryPartition, rowKey, cancellationToken: cancellationToken);
                if (latest?.GetInt32("Version") is { } newer && newer > line.Version)
                {
                    await RepairAsync(latest, partitions.Skip(1), rowKey, cancellationToken);
                    return partitions.Count;
                }

                continue;
            }

            var stale = LedgerRows.Indexes(primary).Except(partitions, StringComparer.Ordinal);
            await Task.WhenAll(stale.Select(p => VersionedRows.DeleteIfNotNewerAsync(storage.ReadModels, p, rowKey, line.Version, cancellationToken)));
            return partitions.Count;
        }

        throw new InvalidOperationException($"Ticket {line.Number}'s ledger line kept changing under the projector.");
    }

    /// <summary>
    /// After a group found the ticket's line projected by someone else: if theirs is newer than
    /// <paramref name="version"/>, removes index rows the group added that the newer line does not list.
    /// </summary>
    public async Task TakeBackLedgerAsync(string rowKey, IReadOnlyList<string> partitions, int version, CancellationToken cancellationToken)
    {
        var primary = await storage.ReadModels.FindAsync(partitions[0], rowKey, [nameof(TableEntity.RowKey), "Version", LedgerRows.IndexesColumn], cancellationToken);
        if (primary?.GetInt32("Version") is not { } newer || newer <= version)
        {
            return;
        }

        var wanted = LedgerRows.Indexes(primary);
        foreach (var partition in partitions.Skip(1).Where(p => !wanted.Contains(p)))
        {
            await VersionedRows.DeleteIfNotNewerAsync(storage.ReadModels, partition, rowKey, version, cancellationToken);
        }
    }

    /// <summary>A newer line won: its copies replace anything older this dispatcher wrote, and index rows it does not want go.</summary>
    private async Task RepairAsync(TableEntity latest, IEnumerable<string> written, string rowKey, CancellationToken cancellationToken)
    {
        var version = latest.GetInt32("Version") ?? 0;
        var wanted = LedgerRows.Indexes(latest);
        var line = LedgerRows.Line(latest);
        foreach (var partition in wanted)
        {
            await VersionedRows.PutIfNewerAsync(storage.ReadModels, LedgerRows.Row(partition, rowKey, line), version, cancellationToken: cancellationToken);
        }

        foreach (var partition in written.Where(p => !wanted.Contains(p)))
        {
            await VersionedRows.DeleteIfNotNewerAsync(storage.ReadModels, partition, rowKey, version - 1, cancellationToken);
        }
    }
}
