using System.Globalization;
using Assist.Domain.Scoring;
using Assist.Storage.Directory;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// The staff views and counters as the dispatcher projected them. Every list is one single-partition query; a
/// month's counters are one range query over the month's partitions (O(departments)).
/// </summary>
public sealed class ReadModelStore
{
    /// <summary>The most requests one page of the supervisors' worklist holds.</summary>
    public const int MaxPendingDecisionsPageSize = 200;

    private const int MaxNotifications = 200;

    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly CounterLedger _counters;

    public ReadModelStore(WorkflowStorage storage, DirectoryStore directory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(directory);
        _storage = storage;
        _directory = directory;
        _counters = new CounterLedger(storage);
    }

    /// <summary>The officer's open tickets, soonest deadline first.</summary>
    public async Task<IReadOnlyList<TicketSummary>> ListDeskAsync(string officerId, CancellationToken cancellationToken = default) =>
        IsKey(officerId) ? ByDeadline(await ListAsync(WorkflowKeys.Desk(officerId), cancellationToken)) : [];

    /// <summary>The department's open tickets (as lead or co-handler), soonest deadline first.</summary>
    public async Task<IReadOnlyList<TicketSummary>> ListDepartmentQueueAsync(string departmentId, CancellationToken cancellationToken = default) =>
        IsKey(departmentId) ? ByDeadline(await ListAsync(WorkflowKeys.DepartmentQueue(departmentId), cancellationToken)) : [];

    /// <summary>Red cards first, then by working days overdue, descending.</summary>
    public async Task<IReadOnlyList<TicketSummary>> ListOverdueAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(WorkflowKeys.Overdue, cancellationToken))
            .OrderByDescending(s => s.Level)
            .ThenByDescending(s => s.WorkingDaysOverdue)
            .ThenBy(s => s.DueAt)
            .ThenBy(s => s.Number, StringComparer.Ordinal)];

    /// <summary>
    /// The supervisors' worklist: returns and extensions waiting for a decision, oldest request first (the row keys'
    /// order), a page at a time. <paramref name="continuationToken"/> is the row key the previous page ended at, so a
    /// page starts after it even when requests were decided meanwhile: nothing is shown twice or skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not one this list issued.</exception>
    public async Task<PendingDecisionPage> ListPendingDecisionsAsync(int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPendingDecisionsPageSize);
        if (continuationToken is not null && !IsPendingDecisionKey(continuationToken))
        {
            throw new ArgumentException("The continuation token is not one this list issued.", nameof(continuationToken));
        }

        var partition = WorkflowKeys.PendingDecisions;
        var filter = continuationToken is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {continuationToken}");
        var rows = new List<TableEntity>(pageSize + 1);
        await foreach (var row in _storage.Views.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > pageSize)
            {
                break;
            }
        }

        var organization = (await _directory.GetAsync(cancellationToken)).Organization;
        var now = _storage.Time.GetUtcNow();
        var items = rows.Take(pageSize).Select(row => ViewRows.Decision(row, organization, now)).ToList();
        return new PendingDecisionPage(items, rows.Count > pageSize ? rows[pageSize - 1].RowKey : null);
    }

    /// <summary>Only notifications whose NotifyAt has passed (now from TimeProvider), newest first.</summary>
    public async Task<IReadOnlyList<Notification>> ListNotificationsAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!IsKey(userId))
        {
            return [];
        }

        var now = _storage.Time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkflowKeys.Inbox(userId)} and NotifyAt le {now}");
        var notifications = new List<Notification>();
        await foreach (var row in _storage.ReadModels.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            notifications.Add(new Notification(
                row.RowKey,
                userId,
                row.GetString("TicketNumber") ?? "",
                row.GetString("Kind") ?? "",
                row.GetString("Title") ?? "",
                row.GetString("TitleZh") ?? "",
                row.GetDateTimeOffset("CreatedAt") ?? default,
                row.GetDateTimeOffset("NotifyAt") ?? default,
                row.GetBoolean("Read") == true,
                row.GetInt32("TicketVersion") ?? 0));
            if (notifications.Count >= MaxNotifications)
            {
                break;
            }
        }

        // Row keys order by inverted NotifyAt already; the sort keeps equal instants stable by creation.
        return [.. notifications.OrderByDescending(n => n.NotifyAt).ThenByDescending(n => n.CreatedAt)];
    }

    /// <summary>
    /// How many of the user's notifications are due and unread, for the header: one query of the user's inbox partition
    /// (projecting two columns), counted up to the most the inbox shows.
    /// </summary>
    public async Task<int> CountUnreadNotificationsAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!IsKey(userId))
        {
            return 0;
        }

        var now = _storage.Time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkflowKeys.Inbox(userId)} and NotifyAt le {now} and Read eq {false}");
        var unread = 0;
        await foreach (var _ in _storage.ReadModels.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (++unread >= MaxNotifications)
            {
                break;
            }
        }

        return unread;
    }

    public async Task<bool> MarkNotificationReadAsync(string userId, string notificationId, CancellationToken cancellationToken = default)
    {
        if (!IsKey(userId) || !IsKey(notificationId))
        {
            return false;
        }

        try
        {
            var row = new TableEntity(WorkflowKeys.Inbox(userId), notificationId) { ["Read"] = true };
            await _storage.ReadModels.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (StorageConflicts.IsNotFound(exception))
        {
            return false;
        }
    }

    public Task<IReadOnlyDictionary<string, DepartmentCounts>> GetMonthCountersAsync(int year, int month, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return _counters.ReadMonthAsync(string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}"), cancellationToken);
    }

    private static IReadOnlyList<TicketSummary> ByDeadline(IEnumerable<TicketSummary> summaries) =>
        [.. summaries.OrderBy(s => s.DueAt ?? DateTimeOffset.MaxValue).ThenBy(s => s.Number, StringComparer.Ordinal)];

    /// <summary>A worklist row key (<see cref="WorkflowKeys.PendingDecision"/>): 19 digits of ticks, a kind, a ticket number.</summary>
    private static bool IsPendingDecisionKey(string value)
    {
        var parts = value.Split('|');
        return parts.Length == 3
            && parts[0].Length == 19 && parts[0].All(char.IsAsciiDigit)
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Enum.GetNames<PendingDecisionKind>().Contains(parts[1], StringComparer.Ordinal)
            && TicketService.IsTicketNumber(parts[2]);
    }

    private static bool IsKey(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= 200 && !value.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');

    private async Task<List<TicketSummary>> ListAsync(string partition, CancellationToken cancellationToken)
    {
        var calendar = (await _directory.GetAsync(cancellationToken)).Calendar;
        var now = _storage.Time.GetUtcNow();
        var summaries = new List<TicketSummary>();
        await foreach (var row in _storage.Views.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            summaries.Add(ViewRows.Summary(row, calendar, now));
        }

        return summaries;
    }
}
