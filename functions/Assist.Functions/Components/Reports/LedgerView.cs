using Assist.Domain.Organization;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Reports;
using Assist.Storage.Reports.Exports;

namespace Assist.Functions.Components.Reports;

/// <summary>The filters of the ledger page as the reader chose them (blank values are null).</summary>
public sealed record LedgerFilters(string? Department, string? Topic, string? Status, bool? Overdue, string? Enterprise, string? Officer, string? ContinuationToken);

/// <summary>One page of the ledger with its filters, the choices the filters offer and the labels it shows.</summary>
public sealed record LedgerView(
    ReportPeriod Period,
    LedgerFilters Filters,
    bool Overseer,
    IReadOnlyList<LedgerLine> Lines,
    string? NextToken,
    LedgerLabels Labels,
    IReadOnlyList<Department> Departments,
    IReadOnlyList<StaffUser> Officers,
    IReadOnlyList<TopicDefinition> Topics)
{
    public const int PageSize = 50;

    public static IEnumerable<TicketStatus> Statuses => Enum.GetValues<TicketStatus>().Where(s => s != TicketStatus.New);

    /// <summary>This page's filters as a query string, for the next page and the exports.</summary>
    public string Query(string? token = null, string? lang = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["period"] = Period.ToString(),
            ["department"] = Filters.Department,
            ["topic"] = Filters.Topic,
            ["status"] = Filters.Status,
            ["overdue"] = Filters.Overdue?.ToString().ToLowerInvariant(),
            ["enterprise"] = Filters.Enterprise,
            ["officer"] = Filters.Officer,
            ["continuationToken"] = token,
            ["lang"] = lang,
        };
        return QueryString.Create(values.Where(v => v.Value is not null)).Value ?? "";
    }
}
