using System.Security.Claims;
using Assist.Domain.Organization;
using Assist.Functions.Security;

namespace Assist.Functions.Web;

/// <summary>
/// Where each role starts its day: administrators at the administration, supervisors and HQ leaders at the overdue
/// board, department heads at their queue, liaison officers at their desk. Whoever is sent to a start page that is
/// not theirs (e.g. to <c>/staff</c> after signing in) lands on their own instead of a 403.
/// </summary>
public static class StaffHome
{
    public const string Desk = "/staff";
    public const string Queue = "/staff/queue";
    public const string Overdue = "/staff/overdue";
    public const string Admin = "/manage";
    public const string Inbox = "/staff/inbox";

    public static string Of(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Of(user.Has);
    }

    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Of(user.Has);
    }

    /// <summary>Whether the desk (the tickets one owns) is this caller's page: liaison officers and department heads.</summary>
    public static bool HasDesk(ClaimsPrincipal user) => user.Has(StaffRole.LiaisonOfficer) || user.Has(StaffRole.DepartmentHead);

    private static string Of(Func<StaffRole, bool> has) =>
        has(StaffRole.Administrator) ? Admin
        : has(StaffRole.Supervisor) || has(StaffRole.HqLeader) ? Overdue
        : has(StaffRole.DepartmentHead) ? Queue
        : has(StaffRole.LiaisonOfficer) ? Desk
        // A directory user without a role has only the inbox.
        : Inbox;
}
