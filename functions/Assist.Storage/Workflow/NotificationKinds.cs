using System.Reflection;
using Assist.Domain.Tickets;
using Kinds = Assist.Domain.Tickets.TicketNotifications.Kinds;

namespace Assist.Storage.Workflow;

/// <summary>The words of each notification kind (<see cref="TicketNotifications"/> decides which events notify whom).</summary>
public static class NotificationKinds
{
    /// <summary>
    /// Every kind a notification can be, in the order an administrator picks webhook kinds from: the
    /// <see cref="Kinds"/> constants, then the ladder's rungs (<see cref="TicketNotifications"/> names its notifications
    /// so). Read from their declarations, so a kind added there is offered at once; a test holds each to its words here.
    /// </summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. typeof(Kinds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
        .. Enum.GetNames<EscalationRung>(),
    ];

    public static (string Title, string TitleZh) Titles(string kind) => kind switch
    {
        nameof(EscalationRung.BlueReminder) => ("Reminder: due soon", "蓝色提醒：即将到期"),
        nameof(EscalationRung.YellowCard) => ("Yellow card: the deadline has passed", "黄牌预警：已到办理期限"),
        nameof(EscalationRung.RedCard) => ("Red card: overdue", "红牌督办：已超期"),
        nameof(EscalationRung.SignInOverdue) => ("Not signed in on time", "超时未签收"),
        nameof(EscalationRung.SupervisionOrderOverdue) => ("Supervision order overdue", "督办单已超期"),
        nameof(EscalationRung.ReturnDecisionOverdue) => ("A return waits for a decision", "退单审核已超时"),
        nameof(EscalationRung.ExtensionDecisionOverdue) => ("An extension waits for a decision", "延期审核已超时"),
        nameof(EscalationRung.ContributionReminder) => ("Reminder: your co-handling contribution is due soon", "协办提醒：协办意见即将到期"),
        nameof(EscalationRung.ContributionOverdue) => ("Co-handling contribution overdue", "协办意见已逾期"),
        nameof(EscalationRung.ContributionRedCard) => ("Red card: co-handling contribution overdue", "红牌督办：协办意见逾期"),
        Kinds.HqEscalation => ("Escalated to HQ", "已提级至指挥部"),
        Kinds.SupervisionOrder => ("Supervision order issued", "督办单已下发"),
        Kinds.ManualRouting => ("Waiting for manual routing", "待人工派单"),
        Kinds.Assigned => ("Assigned to you", "新分派工单"),
        Kinds.InformationProvided => ("The enterprise provided information", "企业已补充材料"),
        Kinds.ReplyRejected => ("The enterprise rejected the reply", "企业不满意答复，退回重办"),
        Kinds.ReturnRequested => ("A return waits for a decision", "退单申请待审核"),
        Kinds.ReturnAccepted => ("Return accepted", "退单申请已同意"),
        Kinds.ReturnRefused => ("Return refused", "退单申请未同意"),
        Kinds.ExtensionRequested => ("An extension waits for a decision", "延期申请待审核"),
        Kinds.ExtensionApproved => ("Extension approved", "延期申请已批准"),
        Kinds.ExtensionDenied => ("Extension denied", "延期申请未批准"),
        Kinds.HqInstruction => ("HQ instruction to acknowledge", "指挥部领导批示待签收"),
        Kinds.HqInstructionAcknowledged => ("HQ instruction acknowledged", "指挥部领导批示已签收"),
        Kinds.CommonIssueJoined => ("Grouped into a common issue", "已归入共性问题"),
        Kinds.CoHandlerContributed => ("A co-handler submitted its contribution", "协办部门已提交协办意见"),
        Kinds.DeadlineRecomputed => ("Deadline recomputed on the official calendar", "办理期限已按官方日历重新计算"),
        _ => (kind, kind),
    };
}
