using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Assist.Domain.CommonIssues;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Functions.Security;
using Assist.Storage.CommonIssues;

namespace Assist.Functions.Api.CommonIssues;

/// <summary>共性问题 as staff read it: the issue, its lead department, its answer, and its members as they stand.</summary>
public sealed record CommonIssueView(
    string Id,
    string Title,
    string Topic,
    string? District,
    string LeadDepartmentId,
    string? LeadDepartmentName,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int MemberCount,
    int OpenMembers,
    CoordinatedAnswer? Answer,
    IReadOnlyList<CommonIssueMemberView> Members);

/// <summary>
/// A member ticket: its own status, confirmation and rating. <see cref="EnterpriseName"/> is null for a confidential
/// (保密) enterprise unless the caller oversees all tickets.
/// </summary>
public sealed record CommonIssueMemberView(
    string Number,
    string Title,
    TicketStatus Status,
    string StatusZh,
    bool Confidential,
    string? EnterpriseName,
    string? LeadDepartmentId,
    DateTimeOffset? ReceivedAt,
    bool Answered,
    ClosureKind? Closure,
    SatisfactionRating? Rating);

/// <summary>What became of one ticket named in a request: done, or why not (a rejection code and reason).</summary>
public sealed record MemberOutcomeView(string Number, bool Done, string? Code, string? Reason);

/// <summary>The answer to creating or growing an issue, or answering it.</summary>
public sealed record CommonIssueChangeView(CommonIssueView? Issue, IReadOnlyList<MemberOutcomeView> Outcomes);

/// <summary>A group of tickets Assist suggests as one problem, for a supervisor to confirm.</summary>
public sealed record SuggestedGroupView(string Topic, string? District, IReadOnlyList<CandidateView> Tickets);

public sealed record CandidateView(string Number, string Title, DateTimeOffset ReceivedAt, double? Similarity);

/// <summary>A supervisor groups tickets into a new common issue under a lead department.</summary>
public sealed record CreateCommonIssueRequest([property: Required] string? Title, [property: Required] string? LeadDepartmentId, [property: Required] IReadOnlyList<string>? Tickets);

public sealed record AddCommonIssueMembersRequest([property: Required] IReadOnlyList<string>? Tickets);

/// <summary>The lead department's coordinated answer, given as the reply of every member waiting for one.</summary>
public sealed record AnswerCommonIssueRequest([property: Required] string? Answer, [property: Required] bool? Resolved);

internal static class CommonIssueMapper
{
    public static CommonIssueView View(CommonIssueWithMembers issue, OrganizationDirectory organization, ClaimsPrincipal caller) => new(
        issue.Issue.Id,
        issue.Issue.Title,
        issue.Issue.Topic,
        issue.Issue.District,
        issue.Issue.LeadDepartmentId,
        organization.FindDepartment(issue.Issue.LeadDepartmentId)?.Name,
        issue.Issue.CreatedBy,
        issue.Issue.CreatedAt,
        issue.Members.Count,
        issue.OpenMembers,
        issue.Issue.Answer,
        [.. issue.Members.Select(m => Member(m.State, caller))]);

    public static MemberOutcomeView Outcome(MemberOutcome outcome, bool chinese) =>
        new(outcome.Number, outcome.Done, outcome.Rejection?.Code, outcome.Rejection is { } r ? (chinese ? r.ReasonZh : r.Reason) : null);

    private static CommonIssueMemberView Member(TicketState state, ClaimsPrincipal caller) => new(
        state.TicketNumber,
        state.Submission?.Title ?? "",
        state.Status,
        TicketTransitions.NameZh(state.Status),
        state.Submission?.Confidential == true,
        caller.MaySeeEnterpriseOf(state) ? state.Submission?.Enterprise.Name : null,
        state.LeadDepartmentId,
        state.SubmittedAt,
        state.Status is TicketStatus.Replied or TicketStatus.Closed,
        state.Closure?.Kind,
        state.Closure?.Rating);
}
