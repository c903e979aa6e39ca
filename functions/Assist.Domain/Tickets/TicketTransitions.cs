namespace Assist.Domain.Tickets;

/// <summary>Which commands each status accepts, written once. Everything not listed is refused.</summary>
public static class TicketTransitions
{
    public static bool Allows(TicketStatus status, TicketCommand command) => (status, command) switch
    {
        (TicketStatus.New, SubmitTicket) => true,
        // 派单 by hand while waiting; 改派 of a ticket escalated to HQ once routed (the decider checks the escalation).
        (TicketStatus.Submitted or TicketStatus.Routed or TicketStatus.InProgress, RouteTicket) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation, AssignOfficer) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation, ReassignOfficer) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation, CheckIn) => true,
        (TicketStatus.InProgress or TicketStatus.AwaitingInformation, RecordContact) => true,
        (TicketStatus.InProgress or TicketStatus.AwaitingInformation, RecordProgress) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation, SubmitContribution) => true,
        (TicketStatus.Submitted or TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation or TicketStatus.ReturnRequested, JoinCommonIssue) => true,
        (TicketStatus.InProgress, RequestInformation) => true,
        (TicketStatus.AwaitingInformation, ProvideInformation) => true,
        (TicketStatus.InProgress, Reply) => true,
        (TicketStatus.Replied, Confirm) => true,
        (TicketStatus.Replied, RejectReply) => true,
        (TicketStatus.Routed or TicketStatus.InProgress, ReturnTicket) => true,
        (TicketStatus.ReturnRequested, DecideReturn) => true,
        (TicketStatus.InProgress, RequestExtension) => true,
        (TicketStatus.InProgress or TicketStatus.AwaitingInformation, DecideExtension) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation or TicketStatus.ReturnRequested, EscalateTicket) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation, IssueSupervisionOrder) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation or TicketStatus.ReturnRequested, GiveInstruction) => true,
        (TicketStatus.Routed or TicketStatus.InProgress or TicketStatus.AwaitingInformation or TicketStatus.ReturnRequested or TicketStatus.Replied, AcknowledgeInstruction) => true,

        // A timer the ticket no longer holds is ignored, in every status; so is routing by the rules once routed.
        (_, TimerElapsed) => true,
        (_, RouteByRules) => true,
        // Asked of every ticket listed as holding a provisional deadline; one that closed meanwhile has nothing to recompute.
        (_, RecomputeDeadlines) => true,
        _ => false,
    };

    /// <summary>The status as users read it in Chinese.</summary>
    public static string NameZh(TicketStatus status) => status switch
    {
        TicketStatus.New => "未受理",
        TicketStatus.Submitted => "待派单",
        TicketStatus.Routed => "待签收",
        TicketStatus.InProgress => "办理中",
        TicketStatus.AwaitingInformation => "待补充",
        TicketStatus.Replied => "已答复待确认",
        TicketStatus.ReturnRequested => "退单待审核",
        TicketStatus.Closed => "已办结",
        _ => status.ToString(),
    };
}
