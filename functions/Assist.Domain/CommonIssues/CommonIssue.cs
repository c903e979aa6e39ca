using Assist.Domain.Common;

namespace Assist.Domain.CommonIssues;

/// <summary>
/// 共性问题: the same problem raised by several enterprises, grouped by a supervisor under one lead department that
/// gives one coordinated answer (<see cref="Answer"/>). Each member ticket keeps its own enterprise, clock, confirmation
/// and rating; the ticket's ledger records that it joined (<c>CommonIssueJoined</c>) and that its reply was the
/// coordinated one.
/// </summary>
public sealed record CommonIssue(
    string Id,
    string Title,
    string Topic,
    string? District,
    string LeadDepartmentId,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    ValueList<string> Members,
    CoordinatedAnswer? Answer);

/// <summary>The lead department's one answer for every member, and who gave it when.</summary>
public sealed record CoordinatedAnswer(string Text, bool Resolved, string By, DateTimeOffset At);
