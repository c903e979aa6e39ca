using Assist.Domain.Organization;
using Microsoft.AspNetCore.Authorization;

namespace Assist.Functions.Security;

/// <summary>
/// Who may call which staff endpoint, by directory role. The workflow then decides per ticket (e.g. only the
/// lead department replies), so a policy is the coarse gate and the decider the fine one.
/// </summary>
public static class AssistPolicies
{
    /// <summary>Any active directory user.</summary>
    public const string Staff = "Staff";

    /// <summary>Liaison officers and department heads: the departments that handle tickets.</summary>
    public const string DepartmentStaff = "DepartmentStaff";

    /// <summary>Department heads and supervisors: assignment and reassignment.</summary>
    public const string Assigners = "Assigners";

    /// <summary>Supervisors, HQ leaders, administrators and the HQ office: routing by hand.</summary>
    public const string Routers = "Routers";

    public const string Supervisors = "Supervisors";

    /// <summary>Supervisors and HQ leaders: HQ escalation, supervision orders (HQ leaders after 提级) and the overdue board.</summary>
    public const string Escalators = "Escalators";

    /// <summary>HQ leaders (指挥部领导): 批示 on tickets escalated to HQ.</summary>
    public const string HqLeaders = "HqLeaders";

    /// <summary>Department heads, supervisors and HQ leaders: department queues.</summary>
    public const string QueueReaders = "QueueReaders";

    public const string Administrators = "Administrators";

    /// <summary>
    /// Every handling and overseeing role: who may ask to reveal a mobile number. The ticket decides the rest
    /// (<see cref="StaffCaller.MayRevealMobileOf"/>: no reveal for departments on a confidential ticket).
    /// </summary>
    public const string MobileRevealers = "MobileRevealers";

    /// <summary>Supervisors and administrators: the audit of mobile reveals.</summary>
    public const string RevealAuditReaders = "RevealAuditReaders";

    public static AuthorizationBuilder AddAssistPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireClaim(AssistClaims.UserId))
            .AddPolicy(DepartmentStaff, p => Roles(p, StaffRole.LiaisonOfficer, StaffRole.DepartmentHead))
            .AddPolicy(Assigners, p => Roles(p, StaffRole.DepartmentHead, StaffRole.Supervisor))
            .AddPolicy(Routers, p => p.RequireAuthenticatedUser().RequireClaim(AssistClaims.UserId).RequireAssertion(c =>
                c.User.Has(StaffRole.Supervisor) || c.User.Has(StaffRole.HqLeader) || c.User.Has(StaffRole.Administrator) || c.User.IsInHqOffice()))
            .AddPolicy(Supervisors, p => Roles(p, StaffRole.Supervisor))
            .AddPolicy(Escalators, p => Roles(p, StaffRole.Supervisor, StaffRole.HqLeader))
            .AddPolicy(HqLeaders, p => Roles(p, StaffRole.HqLeader))
            .AddPolicy(QueueReaders, p => Roles(p, StaffRole.DepartmentHead, StaffRole.Supervisor, StaffRole.HqLeader))
            .AddPolicy(Administrators, p => Roles(p, StaffRole.Administrator))
            .AddPolicy(MobileRevealers, p => Roles(p, StaffRole.LiaisonOfficer, StaffRole.DepartmentHead, StaffRole.Supervisor, StaffRole.HqLeader, StaffRole.Administrator))
            .AddPolicy(RevealAuditReaders, p => Roles(p, StaffRole.Supervisor, StaffRole.Administrator));
    }

    private static void Roles(AuthorizationPolicyBuilder policy, params StaffRole[] roles) =>
        policy.RequireAuthenticatedUser().RequireClaim(AssistClaims.UserId).RequireRole(roles.Select(r => r.ToString()));
}
