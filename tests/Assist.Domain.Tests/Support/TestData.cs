using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Organization;
using Assist.Domain.Policies;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;

namespace Assist.Domain.Tests.Support;

/// <summary>A small city: departments, staff, routing rules and a valid enterprise form.</summary>
public static class TestData
{
    public const string Finance = "dept-finance";
    public const string Land = "dept-land";
    public const string Tax = "dept-tax";
    public const string HqOffice = "dept-hq";

    public const string FinanceOfficerA = "u-fin-a";
    public const string FinanceOfficerB = "u-fin-b";
    public const string FinanceHead = "u-fin-head";
    public const string LandOfficer = "u-land-a";
    public const string LandHead = "u-land-head";
    public const string TaxOfficer = "u-tax-a";
    public const string TaxHead = "u-tax-head";
    public const string Supervisor = "u-sup";
    public const string HqLeader = "u-hq-leader";
    public const string HqClerk = "u-hq-clerk";
    public const string Outsider = "u-nobody";

    public const string CreditCode = "9144030071526726XG";

    public static readonly Actor Enterprise = Actor.Enterprise;

    public static OrganizationDirectory Directory { get; } = new(
        ValueList.Of(
            new Department(Finance, "金融办"),
            new Department(Land, "自然资源局"),
            new Department(Tax, "税务局"),
            new Department(HqOffice, "指挥部办公室", IsHqOffice: true)),
        ValueList.Of(
            Staff(FinanceOfficerA, Finance, StaffRole.LiaisonOfficer),
            Staff(FinanceOfficerB, Finance, StaffRole.LiaisonOfficer),
            Staff(FinanceHead, Finance, StaffRole.DepartmentHead),
            Staff(LandOfficer, Land, StaffRole.LiaisonOfficer),
            Staff(LandHead, Land, StaffRole.DepartmentHead),
            Staff(TaxOfficer, Tax, StaffRole.LiaisonOfficer),
            Staff(TaxHead, Tax, StaffRole.DepartmentHead),
            Staff(Supervisor, null, StaffRole.Supervisor),
            Staff(HqLeader, null, StaffRole.HqLeader),
            Staff(HqClerk, HqOffice)),
        DefaultPolicies.Topics,
        ValueList.Of("福田区", "南山区"));

    public static RoutingTable Routing { get; } = new(ValueList.Of(
        new RoutingRule("r-finance", "FINANCE", Finance, ValueList.Of(Tax)),
        new RoutingRule("r-land", "LAND", Land, ValueList.Empty<string>()),
        new RoutingRule("r-tax", "TAX", Tax, ValueList.Empty<string>())));

    public static DecisionContext Context { get; } = new(
        DefaultPolicies.Create(),
        WorkingCalendar.Default,
        Directory,
        Routing,
        AssignmentSnapshot.Empty);

    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static EnterpriseForm Form(string topic = "FINANCE", string type = "Help", bool urgent = false) => new(
        EnterpriseName: "深圳市示例科技有限公司",
        CreditCode: CreditCode,
        District: "南山区",
        Industry: "制造业",
        Size: "中型",
        Tier: null,
        ContactName: "张三",
        Mobile: "13800138000",
        Type: type,
        Topic: topic,
        Urgent: urgent,
        Title: "流动资金贷款续贷困难",
        Description: "企业原有贷款即将到期，银行要求提前还款后再续贷，资金周转困难。",
        Attachments: ValueList.Empty<AttachmentRef>(),
        Confidential: false,
        ConsentGiven: true);

    private static StaffUser Staff(string id, string? department, params StaffRole[] roles) =>
        new(id, id, department, roles.ToValueList());
}
