using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>Which events tell people something, whom, when, and in which words.</summary>
internal static class NotificationKinds
{
    public const string HqEscalation = "HqEscalation";
    public const string SupervisionOrder = "SupervisionOrder";

    public static (string Kind, IReadOnlyList<string> Recipients, DateTimeOffset NotifyAt)? Of(TicketEvent @event) => @event switch
    {
        EscalationRaised e => (e.Rung.ToString(), e.Recipients, e.NotifyAt),
        TicketEscalatedToHq e => (HqEscalation, e.Recipients, e.NotifyAt),
        SupervisionOrderIssued e => (SupervisionOrder, e.Recipients, e.NotifyAt),
        _ => null,
    };

    public static (string Title, string TitleZh) Titles(string kind) => kind switch
    {
        nameof(EscalationRung.BlueReminder) => ("Reminder: due soon", "蓝色提醒：即将到期"),
        nameof(EscalationRung.YellowCard) => ("Yellow card: the deadline has passed", "黄牌预警：已到办理期限"),
        nameof(EscalationRung.RedCard) => ("Red card: overdue", "红牌督办：已超期"),
        nameof(EscalationRung.SignInOverdue) => ("Not signed in on time", "超时未签收"),
        nameof(EscalationRung.SupervisionOrderOverdue) => ("Supervision order overdue", "督办单已超期"),
        nameof(EscalationRung.ReturnDecisionOverdue) => ("A return waits for a decision", "退单审核已超时"),
        nameof(EscalationRung.ExtensionDecisionOverdue) => ("An extension waits for a decision", "延期审核已超时"),
        HqEscalation => ("Escalated to HQ", "已提级至指挥部"),
        SupervisionOrder => ("Supervision order issued", "督办单已下发"),
        _ => (kind, kind),
    };
}
