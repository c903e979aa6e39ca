namespace Assist.Storage.Reports.Exports;

/// <summary>
/// The ledger's columns, in the order a 台账 lists them. No contact person and no mobile: they are not in the ledger.
/// 办理期限 is the due date (a day deadline ends at 24:00 of it), with a time only for an hour limit.
/// </summary>
public static class LedgerColumns
{
    public static IReadOnlyList<LedgerColumn> All { get; } =
    [
        new("工单编号", "Ticket number", (l, _) => l.Number),
        new("受理时间", "Received", null, Time: (l, f) => f.Instant(l.ReceivedAt)),
        new("诉求标题", "Title", (l, _) => l.Title),
        new("诉求性质", "Type", (l, f) => f.Type(l.Type)),
        new("诉求类别", "Topic", (l, f) => f.Topic(l.Topic)),
        new("紧急", "Urgent", (l, f) => f.YesNo(l.Urgent)),
        new("保密", "Confidential", (l, f) => f.YesNo(l.Confidential)),
        new("企业名称", "Enterprise", (l, f) => f.Enterprise(l)),
        new("统一社会信用代码", "Credit code", (l, _) => l.CreditCode ?? ""),
        new("属地", "District", (l, _) => l.District ?? ""),
        new("主办部门", "Lead department", (l, f) => f.Department(l.LeadDepartmentId)),
        new("协办部门", "Co-handling departments", (l, f) => string.Join(f.Pick(", ", "、"), l.CoHandlerDepartmentIds.Select(f.Department))),
        new("承办人", "Officer", (l, f) => f.Officer(l.OfficerId)),
        new("状态", "Status", (l, f) => f.Status(l.Status)),
        new("办理期限", "Due", null, Time: (l, f) => f.Due(l.DueAt)),
        new("签收时间", "Signed in", null, Time: (l, f) => f.Instant(l.SignedInAt)),
        new("按时签收", "Signed in on time", (l, f) => f.YesNo(l.SignedInOnTime)),
        new("首次响应", "First response", null, Time: (l, f) => f.Instant(l.FirstResponseAt)),
        new("答复时间", "Replied", null, Time: (l, f) => f.Instant(l.RepliedAt)),
        new("按时办结", "Completed on time", (l, f) => f.YesNo(l.CompletedOnTime)),
        new("是否解决", "Resolved", (l, f) => f.YesNo(l.Resolved)),
        new("销号时间", "Closed", null, Time: (l, f) => f.Instant(l.ClosedAt)),
        new("满意度", "Satisfaction", (l, f) => f.Rating(l.Rating, l.Closure)),
        new("曾超期", "Went overdue", (l, f) => f.YesNo(l.WentOverdue)),
        new("最高预警", "Highest alert", (l, f) => f.Level(l.HighestLevel)),
        new("退单次数", "Returns", null, l => l.Returns),
        new("不当退单", "Improper returns", null, l => l.ImproperReturns),
        new("延期次数", "Extensions", null, l => l.Extensions),
        new("共性问题", "Common issue", (l, _) => l.CommonIssueId ?? ""),
    ];
}
