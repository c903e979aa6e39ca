using Assist.Domain.Calendar;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Azure.Data.Tables;

namespace Assist.Storage.Reports;

/// <summary>
/// Loads the report projections of many tickets at once (seeding a demo or a benchmark, importing history) through
/// the projection's own pure parts — <see cref="LedgerRows"/>, the counter deltas summed in <see cref="ReportTotals"/>,
/// red cards — but writing in bulk: ledger rows in entity-group transactions of up to 100 per partition, several at
/// once, and counters summed in memory and written as one delta per partition keyed by <c>loadId</c> (loading the
/// same batch twice counts it once). The tickets themselves (heads, events) are not written: only what reports read.
/// </summary>
public sealed class ReportBulkLoader
{
    /// <summary>Rows held in part-full batches before they are sent anyway: bounds the loader's memory.</summary>
    private const int MaxBufferedRows = 20_000;

    private readonly WorkflowStorage _storage;
    private readonly int _concurrency;
    private readonly CounterLedger _counters;
    private readonly ReportProjector _projections;

    public ReportBulkLoader(WorkflowStorage storage, int concurrency = 8)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _storage = storage;
        _concurrency = concurrency;
        _counters = new CounterLedger(storage);
        _projections = new ReportProjector(storage);
    }

    public async Task<BulkLoadReport> LoadAsync(
        string loadId,
        IEnumerable<(TicketRecord Record, IReadOnlyList<TicketEvent> Events)> tickets,
        WorkingCalendar calendar,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(loadId);
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(calendar);
        var totals = new ReportTotals();
        var pending = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        var inFlight = new List<Task>();
        var transactions = 0;
        var buffered = 0;
        long ledgerRows = 0;
        var ticketCount = 0;

        async Task QueueAsync(TableEntity row)
        {
            if (!pending.TryGetValue(row.PartitionKey, out var rows))
            {
                pending[row.PartitionKey] = rows = new List<TableEntity>(TableStorage.MaxTransactionActions);
            }

            rows.Add(row);
            buffered++;
            if (rows.Count == TableStorage.MaxTransactionActions)
            {
                pending.Remove(row.PartitionKey);
                buffered -= rows.Count;
                await SubmitAsync(rows);
            }
            else if (buffered > MaxBufferedRows)
            {
                // Many small partitions (one per enterprise) rarely fill a batch: send them part-full rather than hold them all.
                foreach (var partial in pending.Values)
                {
                    await SubmitAsync(partial);
                }

                pending.Clear();
                buffered = 0;
            }
        }

        async Task SubmitAsync(List<TableEntity> rows)
        {
            if (inFlight.Count >= _concurrency)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                await done;
            }

            transactions++;
            inFlight.Add(_storage.ReadModels.SubmitTransactionAsync(
                rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken));
        }

        foreach (var (record, events) in tickets)
        {
            ticketCount++;
            var before = TicketState.Initial;
            var version = 0;
            foreach (var @event in events)
            {
                version++;
                totals.Add(before, @event, calendar);
                if (@event is EscalationRaised { Rung: EscalationRung.RedCard } red)
                {
                    await QueueAsync(ReportProjector.RedCardRow(before, red, version, calendar));
                }

                before = TicketDecider.Evolve(before, @event);
            }

            if (LedgerRows.Line(record, events) is { } line)
            {
                var rowKey = LedgerRows.RowKey(line, calendar);
                var partitions = LedgerRows.Partitions(line, calendar);
                await QueueAsync(LedgerRows.Row(partitions[0], rowKey, line, partitions.Skip(1)));
                foreach (var partition in partitions.Skip(1))
                {
                    await QueueAsync(LedgerRows.Row(partition, rowKey, line));
                }

                ledgerRows += partitions.Count;
            }
        }

        foreach (var rows in pending.Values)
        {
            await SubmitAsync(rows);
        }

        await Task.WhenAll(inFlight);

        var counterRows = 0;
        foreach (var month in totals.Counts.GroupBy(c => c.Key.Month))
        {
            await _counters.AddBulkAsync(loadId, month.Key, month.Select(c => c.Value), cancellationToken);
            counterRows += month.Count();
        }

        await _projections.Measures.AddBulkAsync(loadId, totals.Times.Select(t => (t.Key.Month, t.Key.Department, MeasureDeltas.Columns(t.Value))), cancellationToken);
        await _projections.Flow.AddBulkAsync(loadId, totals.Flow.Select(f => (f.Key, ReportKeys.AllDepartments, (IReadOnlyDictionary<string, long>)f.Value)), cancellationToken);
        await _projections.Completion.AddBulkAsync(loadId, totals.Completion.Select(c => (c.Key.Period, c.Key.Series, (IReadOnlyDictionary<string, long>)c.Value)), cancellationToken);
        counterRows += totals.Times.Count + totals.Flow.Count + totals.Completion.Count;
        return new BulkLoadReport(ticketCount, ledgerRows, counterRows, transactions);
    }
}
