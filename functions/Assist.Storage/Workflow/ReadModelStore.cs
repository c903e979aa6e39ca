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
    /// <summary>The most rows one page of any staff list holds.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The rows a page holds when the caller does not say.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The most requests one page of the supervisors' worklist holds.</summary>
    public const int MaxPendingDecisionsPageSize = MaxPageSize;

    /// <summary>The unread count in the header stops here ("200+" is as useful as the exact number).</summary>
    private const int MaxUnreadCounted = 200;

    /// <summary>
    /// Rows asked of the service per round trip while a name part is matched in the app: the most Table Storage answers,
    /// since most rows read are not kept.
    /// </summary>
    private const int ScanPageSize = 1000;

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

    /// <summary>The officer's open tickets, soonest deadline first, a page at a time (see <see cref="PageAsync"/>).</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this list issued.</exception>
    public Task<TicketPage> ListDeskAsync(string officerId, TicketSearch? search = null, int pageSize = DefaultPageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        PageAsync(IsKey(officerId) ? WorkflowKeys.Desk(officerId) : null, IsDeadlineKey, search, pageSize, continuationToken, cancellationToken);

    /// <summary>The department's open tickets (as lead or co-handler), soonest deadline first, a page at a time.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this list issued.</exception>
    public Task<TicketPage> ListDepartmentQueueAsync(string departmentId, TicketSearch? search = null, int pageSize = DefaultPageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        PageAsync(IsKey(departmentId) ? WorkflowKeys.DepartmentQueue(departmentId) : null, IsDeadlineKey, search, pageSize, continuationToken, cancellationToken);

    /// <summary>
    /// The overdue board: HQ escalations and red cards first, then by working days overdue, descending (the row keys'
    /// order, <see cref="WorkflowKeys.OverdueRow"/>), a page at a time.
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not one this list issued.</exception>
    public Task<TicketPage> ListOverdueAsync(TicketSearch? search = null, int pageSize = DefaultPageSize, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        PageAsync(WorkflowKeys.Overdue, IsOverdueKey, search, pageSize, continuationToken, cancellationToken);

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

    /// <summary>
    /// The user's inbox: only notifications whose NotifyAt has passed (now from TimeProvider), newest first (row keys
    /// invert NotifyAt; equal instants follow by ticket, version and kind), optionally of one ticket or only unread ones
    /// (both column filters), a page at a time; <paramref name="continuationToken"/> is the row key the previous page
    /// ended at.
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not one this list issued.</exception>
    public async Task<NotificationPage> ListNotificationsAsync(string userId, NotificationSearch? search = null, int pageSize = DefaultPageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        CheckPageSize(pageSize);
        if (continuationToken is not null && !IsInboxKey(continuationToken))
        {
            throw new ArgumentException("The continuation token is not one this list issued.", nameof(continuationToken));
        }

        search ??= NotificationSearch.None;
        if (!IsKey(userId) || (search.TicketNumber is { } ticket && !TicketService.IsTicketNumber(ticket)))
        {
            return new NotificationPage([], null);
        }

        var now = _storage.Time.GetUtcNow();
        var filter = TableStorage.And(
            TableClient.CreateQueryFilter($"PartitionKey eq {WorkflowKeys.Inbox(userId)}"),
            TableClient.CreateQueryFilter($"NotifyAt le {now}"),
            continuationToken is null ? null : TableClient.CreateQueryFilter($"RowKey gt {continuationToken}"),
            search.TicketNumber is { } number ? TableClient.CreateQueryFilter($"TicketNumber eq {number}") : null,
            search.UnreadOnly ? TableClient.CreateQueryFilter($"Read eq {false}") : null);
        var rows = new List<TableEntity>(pageSize + 1);
        await foreach (var row in _storage.ReadModels.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > pageSize)
            {
                break;
            }
        }

        var items = rows.Take(pageSize).Select(row => new Notification(
            row.RowKey,
            userId,
            row.GetString("TicketNumber") ?? "",
            row.GetString("Kind") ?? "",
            row.GetString("Title") ?? "",
            row.GetString("TitleZh") ?? "",
            row.GetDateTimeOffset("CreatedAt") ?? default,
            row.GetDateTimeOffset("NotifyAt") ?? default,
            row.GetBoolean("Read") == true,
            row.GetInt32("TicketVersion") ?? 0)).ToList();
        return new NotificationPage(items, rows.Count > pageSize ? rows[pageSize - 1].RowKey : null);
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
            if (++unread >= MaxUnreadCounted)
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

    /// <summary>
    /// A page of the view <paramref name="partition"/> in row-key order (the display order), after the row key
    /// <paramref name="continuationToken"/> the previous page ended at, so rows that move or leave meanwhile are neither
    /// shown twice nor skipped; narrowed by <paramref name="search"/>:
    /// <list type="bullet">
    /// <item>a ticket number is looked up, not searched: its view tracker lists the ticket's row in each view (its slot),
    /// so it is at most two point reads, whatever the partition holds;</item>
    /// <item>officer, status and a credit code are column filters in the query, so the service skips what does not
    /// match;</item>
    /// <item>a part of an enterprise's name is matched here, case-insensitively, while the one partition is read, until a
    /// page and one more match are found. The token is then the last row key of the page: the rows read after it did not
    /// match (or are the next page's first), so the next page, reading after it, loses nothing. Table Storage has no
    /// substring filter; this reads the partition up to the page's end (in Azure, an index of name bigrams or Azure AI
    /// Search would answer it without the read).</item>
    /// </list>
    /// Rows stored before the lists were keyed in display order are named after the bare ticket number (and hold no
    /// <c>TicketNumber</c> or <c>CreditCode</c> column): they still list, where the ticket number sorts (before the keyed
    /// rows on the overdue board, after those with a deadline on a desk or queue), are found by number and by name part but not by credit
    /// code, until the ticket's next change or an administrator's rebuild of the projections rewrites them in place.
    /// </summary>
    private async Task<TicketPage> PageAsync(string? partition, Func<string, bool> isRowKey, TicketSearch? search, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        CheckPageSize(pageSize);
        if (continuationToken is not null && !isRowKey(continuationToken) && !TicketSearch.IsTicketNumber(continuationToken))
        {
            throw new ArgumentException("The continuation token is not one this list issued.", nameof(continuationToken));
        }

        search ??= TicketSearch.None;
        var text = string.IsNullOrWhiteSpace(search.Text) ? null : search.Text.Trim();
        if (partition is null
            || (text is not null && !TicketSearch.IsAcceptableText(text))
            || (search.OfficerId is { } officerId && !TicketSearch.IsAcceptableOfficerId(officerId)))
        {
            return new TicketPage([], null);
        }

        var calendar = (await _directory.GetAsync(cancellationToken)).Calendar;
        var now = _storage.Time.GetUtcNow();
        if (text is not null && TicketSearch.IsTicketNumber(text))
        {
            // One ticket: a second page of it is empty.
            var found = continuationToken is null ? await FindInViewAsync(partition, text.ToUpperInvariant(), search, cancellationToken) : null;
            return new TicketPage(found is null ? [] : [ViewRows.Summary(found, calendar, now)], null);
        }

        var creditCode = text is not null && TicketSearch.IsCreditCode(text) ? text.ToUpperInvariant() : null;
        var namePart = creditCode is null ? text : null;
        var filter = TableStorage.And(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            continuationToken is null ? null : TableClient.CreateQueryFilter($"RowKey gt {continuationToken}"),
            search.OfficerId is { } officer ? TableClient.CreateQueryFilter($"OfficerId eq {officer}") : null,
            search.Status is { } status ? TableClient.CreateQueryFilter($"Status eq {status.ToString()}") : null,
            creditCode is null ? null : TableClient.CreateQueryFilter($"CreditCode eq {creditCode}"),
            creditCode is null ? null : TableClient.CreateQueryFilter($"Confidential eq {false}"));
        var rows = new List<TableEntity>(pageSize + 1);
        await foreach (var row in _storage.Views.QueryAsync<TableEntity>(filter, maxPerPage: namePart is null ? pageSize + 1 : ScanPageSize, cancellationToken: cancellationToken))
        {
            if (namePart is not null && !NameContains(row, namePart))
            {
                continue;
            }

            rows.Add(row);
            if (rows.Count > pageSize)
            {
                break;
            }
        }

        var items = rows.Take(pageSize).Select(row => ViewRows.Summary(row, calendar, now)).ToList();
        return new TicketPage(items, rows.Count > pageSize ? rows[pageSize - 1].RowKey : null);
    }

    /// <summary>
    /// The ticket's row in <paramref name="partition"/>, if it has one there and it passes the search's other filters: the
    /// ticket's view tracker names the row (<see cref="ViewRows.Slot"/>), then one point read fetches it.
    /// </summary>
    private async Task<TableEntity?> FindInViewAsync(string partition, string number, TicketSearch search, CancellationToken cancellationToken)
    {
        var tracker = await _storage.ReadModels.FindAsync(WorkflowKeys.ViewTracker(number), WorkflowKeys.ViewTrackerRow(number), ["Views"], cancellationToken);
        var slots = (tracker?.GetString("Views") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var slot in slots)
        {
            var (slotPartition, rowKey) = ViewRows.ParseSlot(slot, number);
            if (slotPartition != partition)
            {
                continue;
            }

            var row = await _storage.Views.FindAsync(partition, rowKey, cancellationToken: cancellationToken);
            var matches = row is not null
                && (search.OfficerId is not { } officer || row.GetString("OfficerId") == officer)
                && (search.Status is not { } status || row.GetString("Status") == status.ToString());
            return matches ? row : null;
        }

        return null;
    }

    /// <summary>A name part matches a row that holds the enterprise's name: never a confidential ticket's, which holds none.</summary>
    private static bool NameContains(TableEntity row, string namePart) =>
        row.GetBoolean("Confidential") != true
        && row.GetString("EnterpriseName") is { } name
        && name.Contains(namePart, StringComparison.OrdinalIgnoreCase);

    private static void CheckPageSize(int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
    }

    /// <summary>A desk or queue row key (<see cref="WorkflowKeys.DeadlineRow"/>): 19 digits of ticks, a ticket number.</summary>
    private static bool IsDeadlineKey(string value) =>
        value.Split('|') is [var ticks, var ticket] && IsTicks(ticks) && TicketService.IsTicketNumber(ticket);

    /// <summary>An overdue-board row key (<see cref="WorkflowKeys.OverdueRow"/>): rank, clock, ticks, ticket number.</summary>
    private static bool IsOverdueKey(string value) =>
        value.Split('|') is [var rank, var clock, var ticks, var ticket]
        && rank is [>= '0' and <= '9'] && clock is "0" or "1" && IsTicks(ticks) && TicketService.IsTicketNumber(ticket);

    /// <summary>An inbox row key: 19 digits of inverted ticks, a hyphen, then the ticket, version and kind.</summary>
    private static bool IsInboxKey(string value) =>
        value.Length > 20 && IsTicks(value[..19]) && value[19] == '-' && IsKey(value);

    private static bool IsTicks(string value) => value.Length == 19 && value.All(char.IsAsciiDigit);
}
