using System.Security.Claims;
using Assist.Domain.Organization;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Functions.Security;
using Assist.Storage.Reports;

namespace Assist.Functions.Api.Reports;

/// <summary>
/// Who sees which report, and the query parameters every report shares. Supervisors, HQ leaders and administrators
/// see everything; a department head sees the ledger of their own department (its confidential enterprises hidden)
/// and no scorecard.
/// </summary>
public static class ReportAccess
{
    public const string ReportReaders = "ReportReaders";
    public const string LedgerReaders = "LedgerReaders";

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(ReportReaders, p => p.RequireAuthenticatedUser().RequireClaim(AssistClaims.UserId)
            .RequireRole(nameof(StaffRole.Supervisor), nameof(StaffRole.HqLeader), nameof(StaffRole.Administrator)));
        options.AddPolicy(LedgerReaders, p => p.RequireAuthenticatedUser().RequireClaim(AssistClaims.UserId)
            .RequireRole(nameof(StaffRole.Supervisor), nameof(StaffRole.HqLeader), nameof(StaffRole.Administrator), nameof(StaffRole.DepartmentHead)));
    }

    /// <summary>
    /// The ledger query for this caller, or why not: a department head is held to their department (named or
    /// not), and nobody but an overseer sees a confidential enterprise.
    /// </summary>
    public static (LedgerQuery? Query, string? Error, bool Forbidden) Ledger(
        ClaimsPrincipal user, ReportPeriod period, string? department, string? topic, string? status, bool? overdue, string? enterprise, string? officer)
    {
        ArgumentNullException.ThrowIfNull(user);
        var overseer = user.OverseesAllTickets();
        if (!overseer)
        {
            if (user.DepartmentId() is not { } own || (department is not null && department != own))
            {
                return (null, null, true);
            }

            department = own;
        }

        TicketStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<TicketStatus>(status, ignoreCase: true, out var value) || !Enum.IsDefined(value) || status.Any(char.IsAsciiDigit))
            {
                return (null, "status", false);
            }

            parsedStatus = value;
        }

        foreach (var (name, value) in new[] { ("department", department), ("topic", topic), ("officer", officer), ("enterprise", enterprise) })
        {
            if (value is not null && (value.Length is 0 or > 200 || value.Any(char.IsControl)))
            {
                return (null, name, false);
            }
        }

        return (new LedgerQuery(period)
        {
            DepartmentId = department,
            Topic = topic,
            Status = parsedStatus,
            Overdue = overdue,
            Enterprise = enterprise,
            OfficerId = officer,
            HideConfidentialEnterprises = !overseer,
        }, null, false);
    }

    /// <summary>The period asked for, or the current month/quarter (China time) when none is named; null when malformed.</summary>
    public static ReportPeriod? Period(string? text, DateTimeOffset now, bool quarter) =>
        string.IsNullOrEmpty(text)
            ? ReportPeriod.Containing(DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime), quarter)
            : ReportPeriod.TryParse(text, out var period) ? period : null;

    /// <summary>Chinese unless <c>lang=en</c> or the caller's Accept-Language prefers English (<c>lang=zh</c> wins over the header).</summary>
    public static bool Chinese(HttpRequest request, string? lang) => lang?.ToLowerInvariant() switch
    {
        "en" => false,
        "zh" or "zh-cn" => true,
        _ => ApiLanguage.PrefersChinese(request),
    };
}
