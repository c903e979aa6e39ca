using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Assist.Functions.Api.Tickets;

namespace Assist.Functions.Api.Admin;

/// <summary>The checks on directory edits, for the admin API and the admin pages alike.</summary>
public static class AdminChecks
{
    public static RequestChecks Key(RequestChecks checks, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? checks
            : checks.Add(field, field + ".format", "Ids are 1–64 letters, digits, '-', '_' or '.'.", "编号须为1至64个字母、数字或 - _ . 字符。");
    }

    public static RequestChecks Department(string departmentId, UpsertDepartmentRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Key(new RequestChecks(), "departmentId", departmentId).Text("name", body.Name, "name", "部门名称");
    }

    public static RequestChecks User(string userId, UpsertUserRequest user, OrganizationDirectory organization)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(organization);
        var checks = Key(new RequestChecks(), "userId", userId).Text("name", user.Name, "name", "姓名");
        if (user.Roles is { } roles && roles.Any(r => !Enum.IsDefined(r)))
        {
            checks.Add("roles", "roles.unknown", "Roles are LiaisonOfficer, DepartmentHead, Supervisor, HqLeader or Administrator.", "角色须为 LiaisonOfficer（联络员）、DepartmentHead（部门负责人）、Supervisor（督查室）、HqLeader（指挥部领导）或 Administrator（系统管理员）。");
        }

        if (user.DepartmentId is { } departmentId && organization.FindDepartment(departmentId) is null)
        {
            checks.Add("departmentId", "department.unknown", $"'{departmentId}' is not an active department.", $"“{departmentId}”不是在用的部门。");
        }

        return checks;
    }

    public static RequestChecks Topic(string code, UpsertTopicRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Key(new RequestChecks(), "code", code).Text("nameZh", body.NameZh, "Chinese name", "中文名称").Text("nameEn", body.NameEn, "English name", "英文名称");
    }

    public static RequestChecks RoutingRules(IReadOnlyList<RoutingRule> rules, OrganizationDirectory organization)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(organization);
        var checks = new RequestChecks();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule is null || string.IsNullOrWhiteSpace(rule.Id) || string.IsNullOrWhiteSpace(rule.Topic))
            {
                checks.Add($"[{i}]", "rule.incomplete", "Every rule needs an id and a topic.", "每条规则都需要编号和诉求类别。");
                continue;
            }

            if (rule.EnterpriseTier is { } tier && EnterpriseTiers.Find(tier)?.Code != tier)
            {
                checks.Add(
                    $"[{i}].enterpriseTier",
                    "tier.unknown",
                    $"Rule {rule.Id}: '{tier}' is not an enterprise tier; use one of {EnterpriseTiers.Codes}.",
                    $"规则{rule.Id}：“{tier}”不是企业类别代码，应为 {EnterpriseTiers.Codes} 之一。");
            }

            foreach (var department in new[] { rule.LeadDepartmentId }.Concat(rule.CoHandlerDepartmentIds ?? ValueList.Empty<string>()))
            {
                if (organization.FindDepartment(department) is null)
                {
                    checks.Add($"[{i}]", "department.unknown", $"Rule {rule.Id}: '{department}' is not an active department.", $"规则{rule.Id}：“{department}”不是在用的部门。");
                }
            }
        }

        if (rules.Select(r => r?.Id).Where(id => id is not null).GroupBy(id => id).Any(g => g.Count() > 1))
        {
            checks.Add("body", "rule.duplicate", "Rule ids must be unique.", "规则编号不能重复。");
        }

        return checks;
    }

    /// <summary>
    /// The SLA policies and the ladder as the decider needs them: one rule for every (type, urgency), limits it can
    /// count (never negative; hour limits at least one hour), a ladder that climbs, caps that fit each other. What is
    /// wrong is said in English and 简体中文, for the API and the admin page alike; nothing is stored until it is right.
    /// </summary>
    public static RequestChecks Policies(TicketPolicies policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var checks = new RequestChecks();
        if (policies.Sla?.Rules is not { } rules || policies.Ladder is not { } ladder || policies.Extension is not { } extension
            || policies.Return is not { } returns || policies.Confirmation is not { } confirmation)
        {
            return checks.Add("body", "policies.incomplete", "The policies need sla, ladder, extension, return and confirmation.", "策略须包含 sla、ladder、extension、return 和 confirmation 各项。");
        }

        foreach (var type in Enum.GetValues<TicketType>())
        {
            foreach (var urgent in new[] { false, true })
            {
                var (typeName, typeNameZh) = TypeNames(type);
                var (en, zh) = urgent ? ("urgent", "紧急") : ("not urgent", "非紧急");
                var count = rules.Count(r => r is not null && r.Type == type && r.Urgent == urgent);
                if (count != 1)
                {
                    checks.Add(
                        "sla.rules",
                        count == 0 ? "sla.missing" : "sla.duplicate",
                        count == 0 ? $"No SLA rule for {typeName} ({en})." : $"More than one SLA rule for {typeName} ({en}).",
                        count == 0 ? $"缺少{typeNameZh}（{zh}）的时限规则。" : $"{typeNameZh}（{zh}）的时限规则重复。");
                }
            }
        }

        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not { } rule || !Enum.IsDefined(rule.Type))
            {
                checks.Add($"sla.rules[{i}]", "sla.unknown-type", $"Rule {i + 1} has no known type.", $"第{i + 1}条时限规则的诉求性质无效。");
                continue;
            }

            var (typeName, typeNameZh) = TypeNames(rule.Type);
            Limit(checks, $"sla.rules[{i}].resolution", rule.Resolution, $"the resolution limit of {typeName}", $"{typeNameZh}的办理时限");
            Limit(checks, $"sla.rules[{i}].signIn", rule.SignIn, $"the sign-in limit of {typeName}", $"{typeNameZh}的签收时限");
        }

        if (!Enum.IsDefined(ladder.BlueMode))
        {
            checks.Add("ladder.blueMode", "ladder.blue-mode", "The blue reminder mode is OneWorkingDayBeforeDue or FractionOfWindow.", "蓝色提醒方式须为 OneWorkingDayBeforeDue 或 FractionOfWindow。");
        }

        if (ladder.BlueFraction is <= 0 or >= 1)
        {
            checks.Add("ladder.blueFraction", "ladder.blue-fraction", "The blue reminder fraction is between 0 and 1 (e.g. 0.75).", "蓝色提醒比例须大于0且小于1（如 0.75）。");
        }

        if (ladder.RedCardWorkingDaysOverdue < 0 || ladder.HqEscalationWorkingDaysOverdue < ladder.RedCardWorkingDaysOverdue)
        {
            checks.Add("ladder", "ladder.order", "The red card comes at 0 or more working days overdue, and HQ escalation no earlier than the red card.", "红牌督办须在超期0个或以上工作日，提级不得早于红牌。");
        }

        if (extension.MaxWorkingDaysPerExtension < 1 || extension.MaxTotalWorkingDays < extension.MaxWorkingDaysPerExtension || extension.MinWorkingDaysBeforeDue < 0)
        {
            checks.Add("extension", "extension.caps", "An extension allows at least 1 working day, the total cap is no smaller than one extension, and the notice before due is not negative.", "每次延期至少1个工作日，累计上限不得小于单次上限，提前申请的工作日数不得为负。");
        }

        Limit(checks, "extension.decisionWindow", extension.DecisionWindow, "the extension decision window", "延期审核时限");
        Limit(checks, "return.window", returns.Window, "the return window", "退单时限");
        Limit(checks, "return.decisionWindow", returns.DecisionWindow, "the return decision window", "退单审核时限");
        Limit(checks, "confirmation.window", confirmation.Window, "the confirmation window", "企业确认时限");
        // 协办: optional (policies stored before it have none, and the default stands in); when given, a countable limit.
        if (policies.CoHandling is { } coHandling)
        {
            Limit(checks, "coHandling.contribution", coHandling.Contribution, "the co-handlers' contribution limit", "协办意见提交时限");
        }

        if (confirmation.MaxReopensBeforeEscalation < 0)
        {
            checks.Add("confirmation.maxReopensBeforeEscalation", "confirmation.reopens", "The number of reopens before escalation is not negative.", "提级前可退回重办的次数不得为负。");
        }

        return checks;
    }

    private static void Limit(RequestChecks checks, string field, TimeLimit? limit, string what, string whatZh)
    {
        if (limit is null || !Enum.IsDefined(limit.Unit))
        {
            checks.Add(field, "limit.missing", $"Give {what} in WorkingDays or WorkingHours.", $"请以 WorkingDays 或 WorkingHours 给出{whatZh}。");
        }
        else if (limit.Amount < 0 || limit.Amount > 365 || (limit.Unit == TimeLimitUnit.WorkingHours && limit.Amount == 0))
        {
            checks.Add(field, "limit.range", $"{char.ToUpperInvariant(what[0])}{what[1..]} must be 0 to 365 working days or 1 to 365 working hours.", $"{whatZh}须为0至365个工作日，或1至365个工作小时。");
        }
    }

    private static (string English, string Chinese) TypeNames(TicketType type) => type switch
    {
        TicketType.Consultation => ("consultations", "咨询"),
        TicketType.Help => ("requests for help", "求助"),
        TicketType.Suggestion => ("suggestions", "建议"),
        TicketType.Complaint => ("complaints", "投诉"),
        TicketType.Report => ("reports of wrongdoing", "举报"),
        _ => (type.ToString(), type.ToString()),
    };
}
