namespace Assist.Storage.Reports;

/// <summary>
/// A red card (红牌) for the monthly 通报: which ticket, which department, how far overdue. The enterprise is absent
/// when the ticket is confidential; mobiles are never stored here.
/// </summary>
public sealed record RedCardEntry(
    string Number,
    DateTimeOffset At,
    DateTimeOffset DueAt,
    int WorkingDaysOverdue,
    string Title,
    string Topic,
    bool Confidential,
    string? EnterpriseName,
    string? DepartmentId,
    string? OfficerId);
