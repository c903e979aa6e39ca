using Assist.Domain.Scoring;
using Assist.Domain.Tickets;

namespace Assist.Storage.Reports;

/// <summary>
/// A ledger filter: the period (every month of it) and any of department (lead or co-handler), topic, status,
/// overdue, enterprise (an 18-character credit code, exactly; else a part of the name, any case) and officer. One filter
/// picks the secondary index read (officer, credit code, department, overdue, topic, status, in that order of
/// selectivity); the others narrow that one partition. A name part has no index: it narrows whichever partition is read,
/// the month's whole ledger when nothing else is asked. <see cref="HideConfidentialEnterprises"/> is set for callers who may not see
/// a confidential enterprise: their lines lose the enterprise, and an enterprise filter never matches such a ticket.
/// </summary>
public sealed record LedgerQuery(ReportPeriod Period)
{
    public string? DepartmentId { get; init; }

    public string? Topic { get; init; }

    public TicketStatus? Status { get; init; }

    public bool? Overdue { get; init; }

    public string? Enterprise { get; init; }

    public string? OfficerId { get; init; }

    public bool HideConfidentialEnterprises { get; init; }

    public bool EnterpriseIsCreditCode => Enterprise is { Length: 18 } code && code.All(char.IsAsciiLetterOrDigit);
}
