using Assist.Domain.Calendar;
using Assist.Domain.Organization;
using Assist.Domain.Policies;

namespace Assist.Domain.Tickets;

/// <summary>Whom an event asks to act (<see cref="Recipients"/>, directory user ids), under which kind, and when to tell them.</summary>
public sealed record NotificationIntent(string Kind, IReadOnlyList<string> Recipients, DateTimeOffset NotifyAt);

/// <summary>
/// Every event that asks someone to act, and whom (PRODUCT.md, Notifications). The ladder's rungs, 提级, supervision
/// orders, HQ instructions (批示) and a ticket left for manual routing carry their recipients and time, decided with the event; for the others
/// — a new assignment, information provided, a reply rejected, return and extension requests and their decisions, an
/// acknowledged instruction, a resolution deadline moved by a loaded calendar year — the
/// recipients follow from the ticket as the event found it and the directory, and a non-urgent ticket's notice waits for
/// office hours, as the rungs' do. Whoever caused the event is not told about it. Pure: the projection calls it once per
/// event, and what it returns is keyed by (ticket, version, kind, user), so a retried projection tells nobody twice.
/// </summary>
public static class TicketNotifications
{
    /// <summary>The notification kinds beside the rungs' (<see cref="EscalationRung"/> names).</summary>
    public static class Kinds
    {
        public const string HqEscalation = "HqEscalation";
        public const string SupervisionOrder = "SupervisionOrder";
        public const string ManualRouting = "ManualRouting";
        public const string Assigned = "Assigned";
        public const string InformationProvided = "InformationProvided";
        public const string ReplyRejected = "ReplyRejected";
        public const string ReturnRequested = "ReturnRequested";
        public const string ReturnAccepted = "ReturnAccepted";
        public const string ReturnRefused = "ReturnRefused";
        public const string ExtensionRequested = "ExtensionRequested";
        public const string ExtensionApproved = "ExtensionApproved";
        public const string ExtensionDenied = "ExtensionDenied";
        public const string HqInstruction = "HqInstruction";
        public const string HqInstructionAcknowledged = "HqInstructionAcknowledged";
        public const string CoHandlerContributed = "CoHandlerContributed";
        public const string CommonIssueJoined = "CommonIssueJoined";
        public const string DeadlineRecomputed = "DeadlineRecomputed";
    }

    public static NotificationIntent? Of(TicketState before, TicketEvent @event, OrganizationDirectory directory, WorkingCalendar calendar, EscalationLadder ladder)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(ladder);
        var lead = before.LeadDepartmentId;
        return @event switch
        {
            EscalationRaised e => new(e.Rung.ToString(), e.Recipients, e.NotifyAt),
            // 提级 tells HQ leaders and supervisors (decided with the event) and the officer and head who hold the ticket.
            TicketEscalatedToHq e => new(Kinds.HqEscalation, [.. e.Recipients.Concat(Holders(before, directory)).Distinct(StringComparer.Ordinal).Where(u => u != e.By.Id)], e.NotifyAt),
            SupervisionOrderIssued e => new(Kinds.SupervisionOrder, e.Recipients, e.NotifyAt),
            ManualRoutingRequired e => new(Kinds.ManualRouting, e.Recipients, e.NotifyAt),
            // 批示 asks the lead department to acknowledge it (decided with the event); 签收批示 tells the HQ leaders who gave it.
            HqInstructionGiven e => new(Kinds.HqInstruction, [.. e.Recipients.Where(u => u != e.By.Id)], e.NotifyAt),
            HqInstructionAcknowledged e => Derived(
                Kinds.HqInstructionAcknowledged,
                before.Instructions.Where(i => e.InstructionIds.Contains(i.InstructionId)).Select(i => i.GivenBy).Distinct(StringComparer.Ordinal)),
            OfficerAssigned e => Derived(Kinds.Assigned, [e.OfficerId]),
            InformationProvided => Derived(Kinds.InformationProvided, Holders(before, directory, headsAsFallback: true)),
            ReplyRejected => Derived(Kinds.ReplyRejected, Holders(before, directory, headsAsFallback: true)),
            // 协办意见 arrives: the lead's officer (its heads when none holds it) can now reply with it.
            CoHandlerContributed => Derived(Kinds.CoHandlerContributed, Holders(before, directory, headsAsFallback: true)),
            // 归入共性问题: the officer and heads holding the ticket, and the heads of the issue's lead department.
            CommonIssueJoined e => Derived(Kinds.CommonIssueJoined, Holders(before, directory).Concat(directory.UsersOf(e.LeadDepartmentId, StaffRole.DepartmentHead))),
            ReturnRequested => Derived(Kinds.ReturnRequested, directory.UsersInRole(StaffRole.Supervisor)),
            ExtensionRequested => Derived(Kinds.ExtensionRequested, directory.UsersInRole(StaffRole.Supervisor)),
            ReturnAccepted e => Derived(Kinds.ReturnAccepted, DepartmentHolders(before, e.DepartmentId, directory)),
            ReturnRefused e => Derived(Kinds.ReturnRefused, DepartmentHolders(before, e.DepartmentId, directory)),
            ExtensionApproved => Derived(Kinds.ExtensionApproved, DepartmentHolders(before, before.PendingExtension?.DepartmentId ?? lead, directory)),
            // The official calendar moved the resolution deadline: the officer (or, without one, the heads) works to the new date.
            DeadlinesRecomputed { ResolutionMoved: true } => Derived(Kinds.DeadlineRecomputed, Holders(before, directory, headsAsFallback: true)),
            ExtensionDenied => Derived(Kinds.ExtensionDenied, DepartmentHolders(before, before.PendingExtension?.DepartmentId ?? lead, directory)),
            _ => null,
        };

        NotificationIntent? Derived(string kind, IEnumerable<string> users)
        {
            var recipients = TicketClocks.Recipients(directory, users).Where(u => u != @event.By.Id).ToList();
            if (recipients.Count == 0)
            {
                return null;
            }

            var notifyAt = before.Urgent || !ladder.HoldNotificationsUntilWorkingHours ? @event.At : calendar.NextWorkingInstant(@event.At);
            return new NotificationIntent(kind, recipients, notifyAt);
        }
    }

    /// <summary>The ticket's officer and its lead department's heads; with <paramref name="headsAsFallback"/>, the heads only when no officer holds it.</summary>
    private static IEnumerable<string> Holders(TicketState state, OrganizationDirectory directory, bool headsAsFallback = false)
    {
        var heads = state.LeadDepartmentId is { } lead ? directory.UsersOf(lead, StaffRole.DepartmentHead) : [];
        if (state.OfficerId is { } officer)
        {
            return headsAsFallback ? [officer] : heads.Prepend(officer);
        }

        return heads;
    }

    /// <summary>The heads of <paramref name="departmentId"/>, and the ticket's officer when that department leads it.</summary>
    private static IEnumerable<string> DepartmentHolders(TicketState state, string? departmentId, OrganizationDirectory directory)
    {
        if (departmentId is null)
        {
            return [];
        }

        var heads = directory.UsersOf(departmentId, StaffRole.DepartmentHead);
        return departmentId == state.LeadDepartmentId && state.OfficerId is { } officer ? heads.Prepend(officer) : heads;
    }
}
