using Assist.Domain.Scoring;
using Assist.Domain.Tickets;

namespace Assist.Storage.Workflow;

/// <summary>
/// What one event adds to its departments' monthly counters (the month of the event, China time). Pure, so the
/// live projection and a rebuild count the same way. 按时办结率 is counted by deadline, not by event, in
/// <c>CompletionDeltas</c>; 解决率 counts accepted answers, at the closing: a rejected reply is no answer.
/// </summary>
internal static class CounterDeltas
{
    public static IEnumerable<DepartmentCounts> For(TicketState before, TicketEvent @event)
    {
        switch (@event)
        {
            case TicketRouted e:
                foreach (var department in e.Departments)
                {
                    yield return DepartmentCounts.Zero(department.DepartmentId) with { SignInsDue = 1 };
                }

                break;
            case DepartmentSignedIn { OnTime: true } e:
                yield return DepartmentCounts.Zero(e.DepartmentId) with { SignedInOnTime = 1 };
                break;
            case TicketReplied e:
                yield return DepartmentCounts.Zero(e.DepartmentId) with { Replied = 1 };
                break;
            case TicketClosed e when (before.LastReply?.DepartmentId ?? before.LeadDepartmentId) is { } department:
                var zero = DepartmentCounts.Zero(department) with { Answered = 1, Resolved = before.LastReply?.Resolved == true ? 1 : 0 };
                yield return e.Kind == ClosureKind.Unrated || e.Rating is null
                    ? zero with { Unrated = 1 }
                    : e.Rating.Value switch
                    {
                        SatisfactionRating.VerySatisfied => zero with { VerySatisfied = 1 },
                        SatisfactionRating.Satisfied => zero with { Satisfied = 1 },
                        SatisfactionRating.BasicallySatisfied => zero with { BasicallySatisfied = 1 },
                        SatisfactionRating.Dissatisfied => zero with { Dissatisfied = 1 },
                        _ => zero with { VeryDissatisfied = 1 },
                    };
                break;
            // A co-handler's missed contribution deadline counts in its own overdue count, as the lead's yellow card does.
            case EscalationRaised { Rung: EscalationRung.YellowCard or EscalationRung.ContributionOverdue, DepartmentId: { } department }:
                yield return DepartmentCounts.Zero(department) with { Overdue = 1 };
                break;
            case ReturnRequested e:
                yield return DepartmentCounts.Zero(e.DepartmentId) with { Returns = 1 };
                break;
            case ReturnRefused e:
                yield return DepartmentCounts.Zero(e.DepartmentId) with { ImproperReturns = 1 };
                break;
            case ExtensionApproved when (before.PendingExtension?.DepartmentId ?? before.LeadDepartmentId) is { } department:
                yield return DepartmentCounts.Zero(department) with { Extensions = 1 };
                break;
        }
    }
}
