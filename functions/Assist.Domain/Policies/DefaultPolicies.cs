using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;

namespace Assist.Domain.Policies;

/// <summary>The product's default numbers (every one of them is configuration the administrator may change).</summary>
public static class DefaultPolicies
{
    /// <summary>
    /// 咨询 2, 求助/建议 7, 投诉/举报 15 working days, urgent the same working day; sign-in within 1 working day,
    /// urgent 2 working hours; blue reminder 1 working day before due (75 % for short windows), yellow at due,
    /// red 3 and HQ 10 working days overdue; extensions ≤ 15 each, ≤ 30 in total, asked ≥ 1 working day ahead;
    /// returns within 1 working day; 5 working days to confirm, one reopen before escalation; co-handlers contribute within
    /// 3 working days (never after the lead's deadline).
    /// </summary>
    public static TicketPolicies Create()
    {
        var rules = new List<SlaPolicy>();
        foreach (var type in Enum.GetValues<TicketType>())
        {
            var days = type switch
            {
                TicketType.Consultation => 2,
                TicketType.Help or TicketType.Suggestion => 7,
                _ => 15,
            };
            rules.Add(new SlaPolicy(type, false, TimeLimit.WorkingDays(days), TimeLimit.WorkingDays(1)));
            rules.Add(new SlaPolicy(type, true, TimeLimit.WorkingDays(0), TimeLimit.WorkingHours(2)));
        }

        return new TicketPolicies(
            new SlaPolicies(rules.ToValueList()),
            new EscalationLadder(BlueReminderMode.OneWorkingDayBeforeDue, 0.75m, 3, 10, HoldNotificationsUntilWorkingHours: true),
            new ExtensionPolicy(15, 30, 1, TimeLimit.WorkingDays(1)),
            new ReturnPolicy(TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(1)),
            new ConfirmationPolicy(TimeLimit.WorkingDays(5), 1),
            CoHandlingPolicy.Default);
    }

    /// <summary>诉求类别: the default topics.</summary>
    public static ValueList<TopicDefinition> Topics { get; } = ValueList.Of(
        new TopicDefinition("POLICY", "政策咨询/兑现", "Policy and subsidies"),
        new TopicDefinition("FINANCE", "融资", "Financing"),
        new TopicDefinition("LAND", "用地/规划/不动产", "Land, planning and real estate"),
        new TopicDefinition("PROJECT", "项目建设与审批", "Project construction and approvals"),
        new TopicDefinition("LABOR", "用工/人才/社保", "Labour, talent and social insurance"),
        new TopicDefinition("UTILITY", "水电气热/通信", "Utilities and telecoms"),
        new TopicDefinition("TAX", "税费", "Taxes and fees"),
        new TopicDefinition("MARKET", "市场监管/知识产权", "Market regulation and IP"),
        new TopicDefinition("LEGAL", "法律/清欠/涉企执法", "Legal, arrears and enforcement"),
        new TopicDefinition("LOGISTICS", "物流/交通/口岸", "Logistics, transport and ports"),
        new TopicDefinition("ENV_SAFETY", "环保/安全生产", "Environment and work safety"),
        new TopicDefinition("PARK", "园区配套", "Industrial park services"),
        new TopicDefinition("BIZ_ENV", "营商环境投诉", "Business environment complaints"),
        new TopicDefinition("OTHER", "其他", "Other (routed by the HQ office)"));
}
