namespace Assist.Domain.Organization;

public enum StaffRole
{
    /// <summary>联络员 / 驻企特派员: owns tickets.</summary>
    LiaisonOfficer,

    /// <summary>部门负责人: the department's queue, yellow cards, reassignment.</summary>
    DepartmentHead,

    /// <summary>督查室 / 营商办: red cards, supervision orders, return and extension decisions, HQ escalation.</summary>
    Supervisor,

    /// <summary>指挥部领导: escalated major problems.</summary>
    HqLeader,

    Administrator,
}
