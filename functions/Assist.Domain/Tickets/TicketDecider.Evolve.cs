using Assist.Domain.Common;

namespace Assist.Domain.Tickets;

public static partial class TicketDecider
{
    /// <summary>Folds one event into the state. Needs no context: every computed instant travels in the event.</summary>
    public static TicketState Evolve(TicketState state, TicketEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        var next = @event switch
        {
            TicketSubmitted e => state with
            {
                TicketId = e.TicketId,
                TicketNumber = e.TicketNumber,
                Status = TicketStatus.Submitted,
                Submission = e.Submission,
                SubmittedAt = e.At,
            },
            ManualRoutingRequired => state with { AwaitingManualRouting = true },
            TicketRouted e => state with
            {
                Status = TicketStatus.Routed,
                AwaitingManualRouting = false,
                LeadDepartmentId = e.LeadDepartmentId,
                Departments = e.Departments.Select(d => new HandlingDepartment(d.DepartmentId, d.Role, d.SignInDue, null, false, false, d.ContributionDue, d.ContributionLadder)).ToValueList(),
                RouteCount = e.Round,
                RoutedAt = e.At,
                ReturnWindow = e.ReturnWindow,
                ReturnDecidedThisRound = false,
                OfficerId = null,
                Clock = e.Clock,
                PausedAt = null,
                RungsReached = ValueList.Empty<EscalationRung>(),
                PendingReturn = null,
                PendingExtension = null,
                HandRoutedBy = e.By.Kind == ActorKind.Staff && !state.HandRoutedBy.Contains(e.By.Id) ? state.HandRoutedBy.Add(e.By.Id) : state.HandRoutedBy,
            },
            OfficerAssigned e => state with { OfficerId = e.OfficerId },
            DepartmentSignedIn e => state with
            {
                Departments = state.Departments.ReplaceWhere(d => d.DepartmentId == e.DepartmentId, d => d with { SignedInAt = e.At, SignedInOnTime = e.OnTime }),
                Status = e.DepartmentId == state.LeadDepartmentId && state.Status == TicketStatus.Routed ? TicketStatus.InProgress : state.Status,
            },
            // Only the lead's contact is the ticket's response (a co-handler may contact the enterprise for its part).
            EnterpriseContacted e => e.DepartmentId == state.LeadDepartmentId ? state with { FirstContactAt = state.FirstContactAt ?? e.At } : state,
            ProgressRecorded => state,
            CommonIssueJoined e => state with { CommonIssueId = e.CommonIssueId, CommonIssueLeadDepartmentId = e.LeadDepartmentId },
            CoHandlerContributed e => state with
            {
                Departments = state.Departments.ReplaceWhere(d => d.DepartmentId == e.DepartmentId, d => d with { ContributedAt = e.At, ContributedOnTime = e.OnTime }),
            },
            InformationRequested e => state with { Status = TicketStatus.AwaitingInformation, PausedAt = e.At },
            InformationProvided e => state with
            {
                Status = TicketStatus.InProgress,
                PausedAt = null,
                TotalPausedWorkingTime = state.TotalPausedWorkingTime + e.PausedWorkingTime,
                Clock = e.Clock,
            },
            TicketReplied e => state with
            {
                Status = TicketStatus.Replied,
                LastReply = new ReplyRecord(e.At, e.DepartmentId, e.Resolved, e.OnTime, e.ConfirmationDue),
                PendingExtension = null,
                SupervisionOrders = state.SupervisionOrders.Select(o => o with { Fulfilled = true }).ToValueList(),
            },
            TicketClosed e => state with { Status = TicketStatus.Closed, Closure = new Closure(e.Kind, e.Rating, e.At) },
            ReplyRejected e => state with
            {
                Status = TicketStatus.InProgress,
                ReplyRejections = e.Rejections,
                Clock = e.Clock,
                RungsReached = ValueList.Empty<EscalationRung>(),
            },
            TicketEscalatedToHq => state with { EscalatedToHq = true },
            ReturnRequested e => state with
            {
                Status = TicketStatus.ReturnRequested,
                PendingReturn = new PendingReturn(e.DepartmentId, e.Reason, e.At, e.DecisionDue, state.Status, false, e.By.Id),
                Returns = state.Returns + 1,
            },
            ReturnAccepted => state with { PendingReturn = null, ReturnDecidedThisRound = true },
            ReturnRefused => state with
            {
                Status = state.PendingReturn?.ResumeStatus ?? state.Status,
                PendingReturn = null,
                ImproperReturns = state.ImproperReturns + 1,
                ReturnDecidedThisRound = true,
            },
            ExtensionRequested e => state with
            {
                PendingExtension = new PendingExtension(e.DepartmentId, e.WorkingDays, e.Reason, e.At, e.DecisionDue, false, e.By.Id),
            },
            ExtensionApproved e => state with
            {
                PendingExtension = null,
                Extensions = state.Extensions + 1,
                ExtensionWorkingDays = state.ExtensionWorkingDays + e.WorkingDays,
                Clock = e.Clock,
                RungsReached = ValueList.Empty<EscalationRung>(),
            },
            ExtensionDenied => state with { PendingExtension = null },
            SupervisionOrderIssued e => state with
            {
                SupervisionOrders = state.SupervisionOrders.Add(new SupervisionOrder(e.OrderId, e.DepartmentId, e.Instructions, e.At, e.Due, false, false)),
            },
            HqInstructionGiven e => state with
            {
                Instructions = state.Instructions.Add(new HqInstruction(e.InstructionId, e.DepartmentId, e.Text, e.By.Id, e.At, null, null)),
            },
            HqInstructionAcknowledged e => state with
            {
                Instructions = state.Instructions.ReplaceWhere(i => e.InstructionIds.Contains(i.InstructionId), i => i with { AcknowledgedAt = e.At, AcknowledgedBy = e.By.Id }),
            },
            EscalationRaised e => Mark(state, e),
            DeadlinesRecomputed e => Recomputed(state, e),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown event."),
        };
        return next with { Version = state.Version + 1 };
    }

    /// <summary>Replays events from the initial state.</summary>
    public static TicketState Replay(IEnumerable<TicketEvent> events, TicketState? from = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Aggregate(from ?? TicketState.Initial, Evolve);
    }

    /// <summary>Takes the recomputed deadlines; rungs already reached stay reached (the ladder's later rungs follow the new due).</summary>
    private static TicketState Recomputed(TicketState state, DeadlinesRecomputed e) => state with
    {
        Clock = e.Clock ?? state.Clock,
        Departments = state.Departments
            .Select(d => e.SignIns.FirstOrDefault(s => s.DepartmentId == d.DepartmentId) is { } moved
                ? d with
                {
                    SignInDue = moved.SignInDue,
                    ContributionDue = moved.ContributionDue ?? d.ContributionDue,
                    ContributionLadder = moved.ContributionLadder ?? d.ContributionLadder,
                }
                : d)
            .ToValueList(),
        ReturnWindow = e.ReturnWindow ?? state.ReturnWindow,
        PendingReturn = e.ReturnDecisionDue is { } returnDue && state.PendingReturn is { } pendingReturn ? pendingReturn with { DecisionDue = returnDue } : state.PendingReturn,
        PendingExtension = e.ExtensionDecisionDue is { } extensionDue && state.PendingExtension is { } pendingExtension ? pendingExtension with { DecisionDue = extensionDue } : state.PendingExtension,
        SupervisionOrders = state.SupervisionOrders.Select(o => e.SupervisionOrders.FirstOrDefault(r => r.OrderId == o.OrderId) is { } order ? o with { Due = order.Due } : o).ToValueList(),
        LastReply = e.ConfirmationDue is { } confirmationDue && state.LastReply is { } reply ? reply with { ConfirmationDue = confirmationDue } : state.LastReply,
    };

    private static TicketState Mark(TicketState state, EscalationRaised e) => e.Rung switch
    {
        EscalationRung.BlueReminder or EscalationRung.YellowCard or EscalationRung.RedCard => state with { RungsReached = state.RungsReached.Add(e.Rung) },
        EscalationRung.SignInOverdue => state with
        {
            Departments = state.Departments.ReplaceWhere(d => d.DepartmentId == e.DepartmentId, d => d with { SignInOverdueRaised = true }),
        },
        EscalationRung.SupervisionOrderOverdue => state with
        {
            SupervisionOrders = state.SupervisionOrders.ReplaceWhere(o => o.OrderId == e.ReferenceId, o => o with { OverdueRaised = true }),
        },
        EscalationRung.ReturnDecisionOverdue => state with { PendingReturn = state.PendingReturn is { } r ? r with { DecisionOverdueRaised = true } : null },
        EscalationRung.ExtensionDecisionOverdue => state with { PendingExtension = state.PendingExtension is { } x ? x with { DecisionOverdueRaised = true } : null },
        EscalationRung.ContributionReminder => Contribution(state, e.DepartmentId, d => d with { ContributionReminderRaised = true }),
        EscalationRung.ContributionOverdue => Contribution(state, e.DepartmentId, d => d with { ContributionOverdueRaised = true }),
        EscalationRung.ContributionRedCard => Contribution(state, e.DepartmentId, d => d with { ContributionRedCardRaised = true }),
        _ => state,
    };

    private static TicketState Contribution(TicketState state, string? departmentId, Func<HandlingDepartment, HandlingDepartment> raise) =>
        state with { Departments = state.Departments.ReplaceWhere(d => d.DepartmentId == departmentId, raise) };
}
