using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Azure.Data.Tables;

namespace Assist.Storage.Reports;

/// <summary>
/// The reports, read from the projections only: a scorecard or medal table reads O(departments × months) counter
/// rows (for 按时办结率, the months up to the period's end: the overdue carry is a running sum), the backlog O(days) flow rows, the 通报's red cards one partition, and a ledger page one partition of one
/// month at a time. Nothing here scans tickets.
/// </summary>
public sealed class ReportService
{
    public const int MaxPageSize = 500;

    /// <summary>Rows per storage page when streaming an export (the service's own maximum).</summary>
    private const int ExportPageSize = 1000;

    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly CounterLedger _counters;
    private readonly ReportProjector _projections;

    public ReportService(WorkflowStorage storage, DirectoryStore directory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(directory);
        _storage = storage;
        _directory = directory;
        _counters = new CounterLedger(storage);
        _projections = new ReportProjector(storage);
    }

    /// <summary>
    /// The scorecard of a month or quarter: the department counters of its months, the service times, and the
    /// 按时办结率 counters up to its end (the carry of overdue tickets is a running sum, see <see cref="CompletionDeltas"/>).
    /// </summary>
    public async Task<ScorecardReport> GetScorecardAsync(ReportPeriod period, int bottomCount = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var directory = await _directory.GetAsync(cancellationToken);
        var months = new List<IReadOnlyDictionary<string, DepartmentCounts>>();
        foreach (var month in period.Months)
        {
            months.Add(await _counters.ReadMonthAsync(month, cancellationToken));
        }

        var next = Month(period.FirstDay.AddMonths(period.MonthCount));
        var times = await _projections.Measures.ReadRangeAsync(period.Months[0], next, cancellationToken);
        var completion = await _projections.Completion.ReadRangeAsync("0", next, cancellationToken);
        return ReportAssembly.Scorecard(
            period,
            months,
            times.Select(t => MeasureDeltas.FromColumns(t.Key.Series, t.Value)),
            completion,
            directory.Weights,
            bottomCount,
            directory.Calendar.Hours.DayLength);
    }

    public async Task<MedalReport> GetMedalTableAsync(ReportPeriod quarter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quarter);
        var scorecard = await GetScorecardAsync(quarter, 0, cancellationToken);
        return new MedalReport(quarter, scorecard, MedalTable.From(scorecard.Lines, scorecard.Weights));
    }

    /// <summary>Each day of the period up to today (China time): received, closed, and open at the end of the day.</summary>
    public async Task<IReadOnlyList<BacklogPoint>> GetBacklogAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var calendar = (await _directory.GetAsync(cancellationToken)).Calendar;
        var today = calendar.LocalDate(_storage.Time.GetUtcNow());
        var last = period.LastDay < today ? period.LastDay : today;
        var before = await _projections.Flow.ReadRangeAsync("0", Day(period.FirstDay), cancellationToken);
        var open = before.Values.Sum(v => v[MeasureDeltas.Opened] - v[MeasureDeltas.Closed]);
        var days = await _projections.Flow.ReadRangeAsync(Day(period.FirstDay), Day(period.LastDay.AddDays(1)), cancellationToken);
        var points = new List<BacklogPoint>();
        for (var date = period.FirstDay; date <= last; date = date.AddDays(1))
        {
            var flow = days.GetValueOrDefault((Day(date), ReportKeys.AllDepartments));
            var opened = flow?[MeasureDeltas.Opened] ?? 0;
            var closed = flow?[MeasureDeltas.Closed] ?? 0;
            open += opened - closed;
            points.Add(new BacklogPoint(date, opened, closed, open));
        }

        return points;
    }

    public async Task<Bulletin> GetBulletinAsync(ReportPeriod month, int bottomCount = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(month);
        var redCards = new List<RedCardEntry>();
        foreach (var m in month.Months)
        {
            await foreach (var row in _storage.ReadModels.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ReportKeys.RedCards(m)}"), cancellationToken: cancellationToken))
            {
                var confidential = row.GetBoolean("Confidential") == true;
                redCards.Add(new RedCardEntry(
                    row.GetString("Number") ?? "",
                    row.GetDateTimeOffset("At") ?? default,
                    row.GetDateTimeOffset("DueAt") ?? default,
                    row.GetInt32("WorkingDaysOverdue") ?? 0,
                    row.GetString("Title") ?? "",
                    row.GetString("Topic") ?? "",
                    confidential,
                    confidential ? null : row.GetString("EnterpriseName"),
                    row.GetString("DepartmentId"),
                    row.GetString("OfficerId")));
            }
        }

        var flow = await _projections.Flow.ReadRangeAsync(Day(month.FirstDay), Day(month.LastDay.AddDays(1)), cancellationToken);
        var scorecard = await GetScorecardAsync(month, bottomCount, cancellationToken);
        return new Bulletin(
            month,
            flow.Values.Sum(v => v[MeasureDeltas.Opened]),
            flow.Values.Sum(v => v[MeasureDeltas.Closed]),
            [.. redCards.OrderBy(r => r.DepartmentId, StringComparer.Ordinal).ThenByDescending(r => r.WorkingDaysOverdue).ThenBy(r => r.Number, StringComparer.Ordinal)],
            scorecard);
    }

    /// <summary>One page of the ledger; <paramref name="continuationToken"/> comes from the previous page.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this service issued.</exception>
    public async Task<LedgerPage> QueryLedgerAsync(LedgerQuery query, int pageSize = 50, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var (monthIndex, tableToken) = ParseToken(continuationToken, query.Period.Months.Count);
        var items = new List<LedgerLine>(pageSize);
        while (monthIndex < query.Period.Months.Count && items.Count < pageSize)
        {
            var (page, next) = await ReadPageAsync(query, query.Period.Months[monthIndex], tableToken, pageSize - items.Count, cancellationToken);
            items.AddRange(page);
            tableToken = next;
            if (tableToken is null)
            {
                monthIndex++;
            }
        }

        var token = monthIndex < query.Period.Months.Count ? FormatToken(monthIndex, tableToken) : null;
        return new LedgerPage(items, token);
    }

    /// <summary>Every matching line in order of receipt, a storage page at a time: memory stays one page whatever the count.</summary>
    public async IAsyncEnumerable<LedgerLine> StreamLedgerAsync(LedgerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var month in query.Period.Months)
        {
            string? token = null;
            do
            {
                var (page, next) = await ReadPageAsync(query, month, token, ExportPageSize, cancellationToken);
                foreach (var line in page)
                {
                    yield return line;
                }

                token = next;
            }
            while (token is not null);
        }
    }

    private async Task<(List<LedgerLine> Items, string? Next)> ReadPageAsync(LedgerQuery query, string month, string? tableToken, int take, CancellationToken cancellationToken)
    {
        var (partition, residual, departmentResidual, namePart) = Plan(query, month);
        var filter = TableStorage.And([TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), .. residual]);
        var items = new List<LedgerLine>();
        await foreach (var page in _storage.ReadModels.QueryAsync<TableEntity>(filter, take, cancellationToken: cancellationToken).AsPages(tableToken, take))
        {
            foreach (var row in page.Values)
            {
                if (departmentResidual is not null && !(row.GetString("Departments") ?? "").Contains("|" + departmentResidual + "|", StringComparison.Ordinal))
                {
                    continue;
                }

                if (namePart is not null && !(row.GetString("EnterpriseName") ?? "").Contains(namePart, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var line = LedgerRows.Line(row);
                items.Add(query.HideConfidentialEnterprises && line.Confidential ? line.WithoutEnterprise() : line);
            }

            return (items, page.ContinuationToken);
        }

        return (items, null);
    }

    /// <summary>
    /// Which partition answers the query in <paramref name="month"/>, and the filters left for the service (or, for a
    /// department and a part of an enterprise's name, for us). A credit code is an exact index (one small partition); a
    /// name is matched as a part, case-insensitively, which no Table filter can do: it reads the partition another
    /// filter picks, else the month's whole ledger partition, a service page at a time, keeping the lines whose name
    /// contains it.
    /// </summary>
    private static (string Partition, List<string> Residual, string? DepartmentResidual, string? NamePart) Plan(LedgerQuery query, string month)
    {
        var residual = new List<string>();
        string? partition = null;
        string? departmentResidual = null;
        string? namePart = null;
        if (!string.IsNullOrEmpty(query.OfficerId))
        {
            partition = ReportKeys.LedgerIndex(month, ReportKeys.OfficerIndex, query.OfficerId);
        }

        if (!string.IsNullOrWhiteSpace(query.Enterprise))
        {
            var enterprise = query.Enterprise.Trim();
            if (!query.EnterpriseIsCreditCode)
            {
                namePart = enterprise;
            }
            else if (partition is null)
            {
                partition = ReportKeys.LedgerIndex(month, ReportKeys.CreditCodeIndex, ReportKeys.Fingerprint(enterprise));
            }
            else
            {
                residual.Add(TableClient.CreateQueryFilter($"CreditCode eq {enterprise.ToUpperInvariant()}"));
            }

            if (query.HideConfidentialEnterprises)
            {
                // Asking for an enterprise must not reveal that it raised a confidential ticket.
                residual.Add(TableClient.CreateQueryFilter($"Confidential eq {false}"));
            }
        }

        if (!string.IsNullOrEmpty(query.DepartmentId))
        {
            if (partition is null)
            {
                partition = ReportKeys.LedgerIndex(month, ReportKeys.DepartmentIndex, query.DepartmentId);
            }
            else
            {
                departmentResidual = query.DepartmentId;
            }
        }

        if (query.Overdue == true && partition is null)
        {
            partition = ReportKeys.LedgerIndex(month, ReportKeys.OverdueIndex);
        }
        else if (query.Overdue is { } overdue)
        {
            residual.Add(TableClient.CreateQueryFilter($"WentOverdue eq {overdue}"));
        }

        if (!string.IsNullOrEmpty(query.Topic))
        {
            if (partition is null)
            {
                partition = ReportKeys.LedgerIndex(month, ReportKeys.TopicIndex, query.Topic);
            }
            else
            {
                residual.Add(TableClient.CreateQueryFilter($"Topic eq {query.Topic}"));
            }
        }

        if (query.Status is { } status)
        {
            if (partition is null)
            {
                partition = ReportKeys.LedgerIndex(month, ReportKeys.StatusIndex, status.ToString());
            }
            else
            {
                residual.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
            }
        }

        return (partition ?? ReportKeys.Ledger(month), residual, departmentResidual, namePart);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly date) => CompletionDeltas.MonthKey(date.Year, date.Month);

    private static string FormatToken(int monthIndex, string? tableToken) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{monthIndex}\n{tableToken}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (int MonthIndex, string? TableToken) ParseToken(string? token, int months)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (0, null);
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline > 0
                && int.TryParse(text.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < months
                && text.Length - newline - 1 <= 2048)
            {
                var table = text[(newline + 1)..];
                return (index, table.Length == 0 ? null : table);
            }
        }
        catch (FormatException)
        {
            // Falls through to the same answer as any other foreign token.
        }

        throw new ArgumentException("The continuation token is not valid for this query.", nameof(token));
    }
}
