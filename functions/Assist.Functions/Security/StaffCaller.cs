using System.Security.Claims;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;

namespace Assist.Functions.Security;

/// <summary>What the directory says about the signed-in staff caller, read from the claims it added.</summary>
public static class StaffCaller
{
    public static string? UserId(this ClaimsPrincipal user) => user?.FindFirstValue(AssistClaims.UserId);

    /// <summary>The caller's name from the directory, or the user id when the directory has none.</summary>
    public static string? UserName(this ClaimsPrincipal user) =>
        user?.FindFirstValue(AssistClaims.UserName) is { Length: > 0 } name ? name : user?.UserId();

    public static string? DepartmentId(this ClaimsPrincipal user) => user?.FindFirstValue(AssistClaims.DepartmentId);

    public static bool Has(this ClaimsPrincipal user, StaffRole role) => user?.IsInRole(role.ToString()) == true;

    public static bool IsInHqOffice(this ClaimsPrincipal user) => user?.HasClaim(AssistClaims.HqOffice, "true") == true;

    /// <summary>Supervisors, HQ leaders and administrators oversee every ticket; departments see their own.</summary>
    public static bool OverseesAllTickets(this ClaimsPrincipal user) =>
        user.Has(StaffRole.Supervisor) || user.Has(StaffRole.HqLeader) || user.Has(StaffRole.Administrator);

    public static Actor Actor(this ClaimsPrincipal user) =>
        Assist.Domain.Tickets.Actor.Staff(user.UserId() ?? throw new InvalidOperationException("The caller is not a directory user."));

    /// <summary>
    /// Whether the caller may see the ticket at all: overseers always; the assigned officer; staff of a handling
    /// department; the HQ office while the ticket waits to be routed, and whoever routed it by hand afterwards (so
    /// the HQ office officer who routed it lands on its page, and can follow it, instead of a 403).
    /// </summary>
    public static bool CanSee(this ClaimsPrincipal user, TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (user.UserId() is not { } userId)
        {
            return false;
        }

        if (user.OverseesAllTickets() || state.OfficerId == userId || state.HandRoutedBy.Contains(userId))
        {
            return true;
        }

        var department = user.DepartmentId();
        return (department is not null && state.Departments.Any(d => d.DepartmentId == department))
            || (state.Status == TicketStatus.Submitted && user.IsInHqOffice());
    }

    /// <summary>The department holding the ticket: its lead department's staff, or the officer who owns it.</summary>
    public static bool HoldsTicket(this ClaimsPrincipal user, TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var userId = user.UserId();
        return userId is not null
            && (state.OfficerId == userId || (state.LeadDepartmentId is not null && state.LeadDepartmentId == user.DepartmentId()));
    }

    /// <summary>
    /// Whether the caller may reveal the enterprise's full mobile number (every reveal is audited): overseers on any
    /// ticket; the department holding the ticket only when it is not confidential (保密: no reveal for departments).
    /// </summary>
    public static bool MayRevealMobileOf(this ClaimsPrincipal user, TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return user.OverseesAllTickets() || (user.HoldsTicket(state) && user.MaySeeEnterpriseOf(state));
    }

    /// <summary>The role a reveal was admitted under, for the audit: the overseeing role first, else the department's.</summary>
    public static StaffRole? RevealRole(this ClaimsPrincipal user) =>
        new[] { StaffRole.Supervisor, StaffRole.HqLeader, StaffRole.Administrator, StaffRole.DepartmentHead, StaffRole.LiaisonOfficer }
            .Where(user.Has).Select(r => (StaffRole?)r).FirstOrDefault();

    /// <summary>保密: departments do not see who the enterprise is; overseers do.</summary>
    public static bool MaySeeEnterpriseOf(this ClaimsPrincipal user, TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return user.MaySeeEnterprise(state.Submission?.Confidential == true);
    }

    /// <summary>The same rule where only the flag is at hand (a ledger line of the reports projection).</summary>
    public static bool MaySeeEnterprise(this ClaimsPrincipal user, bool confidential) => !confidential || user.OverseesAllTickets();
}
