using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;

namespace Assist.Storage.Reports;

/// <summary>
/// A ticket's line in the ledger (台账), as the projection keeps it: what, from whom, who handles it, where its
/// clocks stand and how it ended. Never the enterprise's contact person or mobile. <see cref="EnterpriseName"/>
/// and <see cref="CreditCode"/> are null in answers to callers who may not see a confidential (保密) enterprise.
/// <see cref="WentOverdue"/> stays true once a deadline passed (a yellow card or a late reply), whatever happened later.
/// <see cref="CompletedOnTime"/> is the ticket's own 按时办结 as 按时办结率 counts it: once closed, whether the accepted
/// answer (the reply the enterprise confirmed, or the last one before a 未评价 close) came by the deadline; null while
/// open, because a reply the enterprise may still reject is not yet an answer. <see cref="CommonIssueId"/> is the
/// common issue (共性问题) the ticket was grouped into.
/// </summary>
public sealed record LedgerLine(
    string Number,
    DateTimeOffset ReceivedAt,
    string Title,
    TicketType? Type,
    string Topic,
    bool Urgent,
    bool Confidential,
    string? EnterpriseName,
    string? CreditCode,
    string? District,
    TicketStatus Status,
    string? LeadDepartmentId,
    ValueList<string> CoHandlerDepartmentIds,
    string? OfficerId,
    DateTimeOffset? DueAt,
    DateTimeOffset? SignedInAt,
    bool? SignedInOnTime,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? RepliedAt,
    bool? CompletedOnTime,
    bool? Resolved,
    DateTimeOffset? ClosedAt,
    ClosureKind? Closure,
    SatisfactionRating? Rating,
    bool WentOverdue,
    AttentionLevel HighestLevel,
    int Returns,
    int ImproperReturns,
    int Extensions,
    int Version,
    DateTimeOffset UpdatedAt,
    string? CommonIssueId = null)
{
    /// <summary>The line without who the enterprise is, for a caller who may not see a confidential one.</summary>
    public LedgerLine WithoutEnterprise() => this with { EnterpriseName = null, CreditCode = null };
}
