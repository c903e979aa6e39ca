using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Routing;
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
            checks.Add("roles", "roles.unknown", "Roles are LiaisonOfficer, DepartmentHead, Supervisor, HqLeader or Administrator.", "角色须为 LiaisonOfficer、DepartmentHead、Supervisor、HqLeader 或 Administrator。");
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
}
