using System.Security.Claims;
using Assist.Domain.Common;
using Assist.Domain.Ledger;
using Assist.Domain.Organization;
using Assist.Domain.Tickets;
using Assist.Domain.Validation;
using Assist.Functions.Security;
using Assist.Storage.Workflow;

namespace Assist.Functions.Api.Tickets;

/// <summary>Builds the enterprise and staff views of a ticket from its state and ledger.</summary>
public static class TicketViewMapper
{
    private static readonly Actor Anyone = Actor.System;

    /// <summary>
    /// Operations staff may ask for, with a sample command (for the status table) and who may ask when: a form the
    /// decider would refuse for its timing alone (a return after the return window, an extension too close to the
    /// deadline) is not offered.
    /// </summary>
    private static readonly (string Operation, TicketCommand Sample, Func<ClaimsPrincipal, TicketState, OfferMoment, bool> Who)[] StaffOperations =
    [
        // 派单 while it waits; once routed, 改派 by hand only after 提级, by those coordinating it (supervisors, HQ leaders).
        ("RouteTicket", new RouteTicket(Anyone, "", ValueList.Empty<string>()), (u, s, _) => s.Status == TicketStatus.Submitted
            ? u.Has(StaffRole.Supervisor) || u.Has(StaffRole.HqLeader) || u.Has(StaffRole.Administrator) || u.IsInHqOffice()
            : s.EscalatedToHq && (u.Has(StaffRole.Supervisor) || u.Has(StaffRole.HqLeader))),
        ("AssignOfficer", new AssignOfficer(Anyone, null), (u, s, _) => s.OfficerId is null && (u.Has(StaffRole.Supervisor) || (u.Has(StaffRole.DepartmentHead) && u.DepartmentId() == s.LeadDepartmentId))),
        ("ReassignOfficer", new ReassignOfficer(Anyone, "", ""), (u, s, _) => s.OfficerId is not null && (u.Has(StaffRole.Supervisor) || (u.Has(StaffRole.DepartmentHead) && u.DepartmentId() == s.LeadDepartmentId))),
        ("CheckInTicket", new CheckIn(Anyone, ""), (u, s, _) => s.Departments.Any(d => d.SignedInAt is null && (d.DepartmentId == u.DepartmentId() || (d.Role == DepartmentRole.Lead && s.OfficerId == u.UserId())))),
        ("RecordContact", new RecordContact(Anyone, ""), (u, s, _) => u.HoldsTicket(s) || s.Departments.Any(d => d.Role == DepartmentRole.CoHandler && d.DepartmentId == u.DepartmentId())),
        ("SubmitContribution", new SubmitContribution(Anyone, "", ""), (u, s, _) => s.Departments.Any(d => d.OwesContribution && d.SignedInAt is not null && d.DepartmentId == u.DepartmentId())),
        ("RecordProgress", new RecordProgress(Anyone, ""), (u, s, _) => u.HoldsTicket(s) || s.Departments.Any(d => d.DepartmentId == u.DepartmentId())),
        ("RequestInformation", new RequestInformation(Anyone, ""), (u, s, _) => u.HoldsTicket(s)),
        ("ReplyToTicket", new Reply(Anyone, "", false), (u, s, _) => u.HoldsTicket(s)),
        ("RequestExtension", new RequestExtension(Anyone, 1, ""), (u, s, at) => u.HoldsTicket(s) && s.PendingExtension is null && s.Clock is { } clock && at.Now <= at.Extension.LatestRequest(clock.Due, at.Calendar)),
        ("DecideExtension", new DecideExtension(Anyone, true, "", null), (u, s, _) => u.Has(StaffRole.Supervisor) && s.PendingExtension is not null),
        ("ReturnTicket", new ReturnTicket(Anyone, ""), (u, s, at) => u.HoldsTicket(s) && !s.ReturnDecidedThisRound && s.ReturnWindow is { } window && at.Now <= window.At),
        ("DecideReturn", new DecideReturn(Anyone, true, "", null, null), (u, _, _) => u.Has(StaffRole.Supervisor)),
        ("EscalateTicket", new EscalateTicket(Anyone, ""), (u, s, _) => !s.EscalatedToHq && (u.Has(StaffRole.Supervisor) || u.Has(StaffRole.HqLeader))),
        ("IssueSupervisionOrder", new IssueSupervisionOrder(Anyone, "", null, "", 1), (u, s, _) => u.Has(StaffRole.Supervisor) || (u.Has(StaffRole.HqLeader) && s.EscalatedToHq)),
        ("GiveInstruction", new GiveInstruction(Anyone, "", ""), (u, s, _) => u.Has(StaffRole.HqLeader) && s.EscalatedToHq),
        ("AcknowledgeInstruction", new AcknowledgeInstruction(Anyone, null), (u, s, _) => s.Instructions.Any(i => i.AcknowledgedAt is null)
            && (s.OfficerId == u.UserId() || (u.Has(StaffRole.DepartmentHead) && u.DepartmentId() == s.LeadDepartmentId))),
    ];

    private static readonly (string Operation, TicketCommand Sample)[] EnterpriseOperations =
    [
        ("ProvideInformation", new ProvideInformation(Actor.Enterprise, "", ValueList.Empty<AttachmentRef>())),
        ("ConfirmTicket", new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, null)),
        ("RejectReply", new RejectReply(Actor.Enterprise, "")),
    ];

    public static TicketDeadlines Deadlines(TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var lead = state.Department(state.LeadDepartmentId);
        return new TicketDeadlines(
            state.Clock?.Due,
            lead is { SignedInAt: null } ? lead.SignInDue : null,
            state.Status == TicketStatus.Replied ? state.LastReply?.ConfirmationDue : null,
            state.Status is TicketStatus.Routed or TicketStatus.InProgress && !state.ReturnDecidedThisRound ? state.ReturnWindow : null);
    }

    public static AttachmentView View(AttachmentRef attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new AttachmentView(attachment.Id, attachment.FileName, attachment.Size, attachment.ContentType, attachment.Sha256);
    }

    /// <summary>Every attachment of the ticket: the submission's and those sent with answers to information requests.</summary>
    public static IReadOnlyList<AttachmentRef> Attachments(TicketState state, TicketLedger? ledger)
    {
        ArgumentNullException.ThrowIfNull(state);
        var all = new List<AttachmentRef>(state.Submission?.Attachments ?? ValueList.Empty<AttachmentRef>());
        if (ledger is not null)
        {
            all.AddRange(ledger.Entries.Select(e => e.Event).OfType<InformationProvided>().SelectMany(e => e.Attachments));
        }

        return all;
    }

    public static SubmittedTicket Submitted(TicketRecord ticket, string trackingCode)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var state = ticket.State;
        return new SubmittedTicket(
            ticket.Number,
            trackingCode,
            state.Status,
            TicketTransitions.NameZh(state.Status),
            state.SubmittedAt ?? ticket.CreatedAt,
            state.LeadDepartmentId,
            Deadlines(state),
            [.. (state.Submission?.Attachments ?? ValueList.Empty<AttachmentRef>()).Select(View)],
            ticket.Version);
    }

    /// <summary>
    /// The enterprise's view. It names the officer handling the ticket (name only: the enterprise talks to them) and
    /// whether that officer is its designated officer (驻企特派员) per <paramref name="designatedOfficers"/>.
    /// </summary>
    public static EnterpriseTicketView Enterprise(TicketRecord ticket, TicketLedger? ledger, OrganizationDirectory? directory, IReadOnlyDictionary<string, string>? designatedOfficers = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var state = ticket.State;
        var submission = state.Submission!;
        var events = ledger?.Entries ?? [];
        var replies = events.Select(e => e.Event).OfType<TicketReplied>().Select(r => new ReplyView(r.At, r.DepartmentId, r.Answer, r.Resolved)).ToList();
        var requests = new List<InformationRequestView>();
        foreach (var row in events)
        {
            switch (row.Event)
            {
                case InformationRequested asked:
                    requests.Add(new InformationRequestView(asked.At, asked.Question, null, null));
                    break;
                case InformationProvided answered when requests.Count > 0 && requests[^1].AnsweredAt is null:
                    requests[^1] = requests[^1] with { AnsweredAt = answered.At, Answer = answered.Answer };
                    break;
            }
        }

        return new EnterpriseTicketView(
            ticket.Number,
            submission.Title,
            state.Status,
            TicketTransitions.NameZh(state.Status),
            submission.Type,
            submission.Topic,
            submission.Urgent,
            submission.Confidential,
            state.SubmittedAt,
            state.LeadDepartmentId,
            directory?.Departments.FirstOrDefault(d => d.Id == state.LeadDepartmentId)?.Name,
            state.OfficerId is null ? null : directory?.Staff.FirstOrDefault(u => u.Id == state.OfficerId)?.Name,
            state.OfficerId is not null
                && designatedOfficers?.GetValueOrDefault(submission.Enterprise.CreditCode) == state.OfficerId,
            state.PausedAt is not null,
            state.EscalatedToHq,
            Deadlines(state),
            [.. events.Select(EnterpriseEntry).OfType<TimelineEntry>()],
            replies,
            requests,
            [.. Attachments(state, ledger).Select(View)],
            state.Closure,
            [.. EnterpriseOperations.Where(o => TicketTransitions.Allows(state.Status, o.Sample)).Select(o => o.Operation)],
            ticket.Version);
    }

    /// <summary>
    /// The staff view for <paramref name="caller"/> at <paramref name="moment"/> (which actions are still possible). A
    /// caller who may not see a confidential enterprise gets no enterprise details and neutral attachment names (in
    /// the caller's language: <paramref name="chinese"/>).
    /// </summary>
    public static StaffTicketView Staff(TicketRecord ticket, TicketLedger? ledger, ClaimsPrincipal caller, OfferMoment moment, bool chinese = true)
    {
        ArgumentNullException.ThrowIfNull(moment);
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(caller);
        var state = ticket.State;
        var submission = state.Submission!;
        var seesEnterprise = caller.MaySeeEnterpriseOf(state);
        var enterprise = submission.Enterprise;
        var attachments = Attachments(state, ledger);
        var neutral = seesEnterprise ? null : NeutralFileNames.Of(attachments, chinese);
        AttachmentView Shown(AttachmentRef attachment) =>
            neutral is null ? View(attachment) : View(attachment) with { FileName = neutral.GetValueOrDefault(attachment.Id) ?? NeutralFileNames.For(neutral.Count + 1, attachment.FileName, chinese) };
        return new StaffTicketView(
            ticket.Number,
            state.Status,
            TicketTransitions.NameZh(state.Status),
            ticket.Version,
            submission.Title,
            submission.Description,
            submission.Type,
            submission.Topic,
            submission.Urgent,
            submission.Confidential,
            !seesEnterprise,
            seesEnterprise
                ? new EnterpriseDetails(enterprise.Name, enterprise.CreditCode, enterprise.District, enterprise.Industry, enterprise.Size, enterprise.Tier, enterprise.ContactName, MobileNumber.Mask(enterprise.Mobile))
                : null,
            state.SubmittedAt,
            state.LeadDepartmentId,
            state.Departments,
            state.OfficerId,
            Deadlines(state),
            state.Clock?.Ladder,
            state.PausedAt is not null,
            state.EscalatedToHq,
            state.RungsReached,
            state.PendingReturn,
            state.PendingExtension,
            state.SupervisionOrders,
            state.Instructions,
            state.LastReply,
            state.Closure,
            state.Returns,
            state.ImproperReturns,
            state.Extensions,
            state.ExtensionWorkingDays,
            state.ReplyRejections,
            [.. attachments.Select(Shown)],
            [.. (ledger?.Entries ?? []).Select(row => StaffEntry(row, Shown))],
            [.. StaffOperations.Where(o => TicketTransitions.Allows(state.Status, o.Sample) && o.Who(caller, state, moment)).Select(o => o.Operation)],
            ledger is null ? null : new LedgerCheckView(ledger.Verification.IsValid, ledger.Verification.FirstBrokenVersion));
    }

    /// <summary>
    /// The ledger with what each entry's link was computed from; a payload is withheld where
    /// <see cref="LedgerDisclosure"/> says so for a caller who may (or may not: <paramref name="maySeeEnterprise"/>) see the enterprise.
    /// </summary>
    public static TicketLedgerView Ledger(TicketLedger ledger, bool maySeeEnterprise)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new TicketLedgerView(
            ledger.TicketNumber,
            ledger.Verification.IsValid,
            ledger.Verification.FirstBrokenVersion,
            ledger.Verification.Problem,
            [.. ledger.Entries.Select(e => LedgerEntry(e, LedgerDisclosure.WithheldBecause(e.Event, maySeeEnterprise)))]);
    }

    private static LedgerEntryView LedgerEntry(LedgerRow row, string? withheldBecause) => new(
        row.Version,
        KindOf(row.Event),
        row.Event.At,
        row.Event.By.Kind,
        row.Event.By.Id,
        row.Scheme,
        row.PreviousHash,
        LedgerHash.PayloadDigest(row.Payload),
        row.Hash,
        withheldBecause is null ? row.Payload : null,
        withheldBecause);

    private static string KindOf(TicketEvent e) => e.GetType().Name;

    /// <summary>
    /// The steps the enterprise may read; internal work (notes, the ladder's reminders and cards, returns, supervision
    /// orders, HQ leaders' instructions and their acknowledgement) is left out. An escalation to HQ concerns it and is
    /// shown, with why (the trigger) but without the internal note or who decided it; a re-route after it shows as 派单.
    /// </summary>
    private static TimelineEntry? EnterpriseEntry(LedgerRow row)
    {
        TimelineEntry Entry(string? department = null, string? text = null, Assist.Domain.Calendar.Deadline? due = null, IReadOnlyList<AttachmentView>? files = null) =>
            new(row.Version, row.Event.At, KindOf(row.Event), row.Event.By.Kind == ActorKind.Enterprise ? ActorKind.Enterprise : row.Event.By.Kind, null, department, text, due, files);

        return row.Event switch
        {
            TicketSubmitted => Entry(),
            TicketRouted routed => Entry(routed.LeadDepartmentId, due: routed.Clock.Due),
            DepartmentSignedIn signedIn => Entry(signedIn.DepartmentId),
            EnterpriseContacted contacted => Entry(contacted.DepartmentId),
            InformationRequested asked => Entry(text: asked.Question),
            InformationProvided answered => Entry(text: answered.Answer, due: answered.Clock.Due, files: [.. answered.Attachments.Select(View)]),
            TicketReplied replied => Entry(replied.DepartmentId, replied.Answer),
            ReplyRejected rejected => Entry(text: rejected.Reason, due: rejected.Clock.Due),
            ExtensionApproved extended => Entry(text: extended.Note, due: extended.Clock.Due),
            TicketClosed closed => Entry(text: closed.Comment) with { Closure = closed.Kind, Rating = closed.Rating },
            TicketEscalatedToHq escalated => Entry() with { Trigger = escalated.Trigger },
            // The enterprise is told its new date, only when the official calendar moved it.
            DeadlinesRecomputed { ResolutionMoved: true } recomputed => Recomputed(Entry(due: recomputed.Clock!.Due), recomputed),
            _ => null,
        };
    }

    /// <summary>A resolution deadline moved by a loaded calendar year: from when, to when (<c>Due</c>), by which years' notices.</summary>
    private static TimelineEntry Recomputed(TimelineEntry entry, DeadlinesRecomputed recomputed) =>
        entry with { PreviousDue = recomputed.PreviousDue, CalendarYears = recomputed.Years };

    private static TimelineEntry StaffEntry(LedgerRow row, Func<AttachmentRef, AttachmentView> view)
    {
        TimelineEntry Entry(string? department = null, string? text = null, Assist.Domain.Calendar.Deadline? due = null, IReadOnlyList<AttachmentView>? files = null) =>
            new(row.Version, row.Event.At, KindOf(row.Event), row.Event.By.Kind, row.Event.By.Kind == ActorKind.Staff ? row.Event.By.Id : null, department, text, due, files);

        return row.Event switch
        {
            TicketSubmitted submitted => Entry(files: [.. submitted.Submission.Attachments.Select(view)]),
            TicketRouted routed => Entry(routed.LeadDepartmentId, due: routed.Clock.Due),
            OfficerAssigned assigned => Entry(assigned.DepartmentId, assigned.Note is null ? assigned.OfficerId : $"{assigned.OfficerId}: {assigned.Note}"),
            DepartmentSignedIn signedIn => Entry(signedIn.DepartmentId, signedIn.OnTime ? "on time" : "late"),
            EnterpriseContacted contacted => Entry(contacted.DepartmentId, contacted.Note),
            ProgressRecorded progress => Entry(progress.DepartmentId, progress.Note),
            InformationRequested asked => Entry(text: asked.Question),
            InformationProvided answered => Entry(text: answered.Answer, due: answered.Clock.Due, files: [.. answered.Attachments.Select(view)]),
            TicketReplied replied => Entry(replied.DepartmentId, replied.Answer, replied.ConfirmationDue) with
            {
                Contributions = replied.Contributions,
                MissingContributions = replied.MissingContributions is { Count: > 0 } missing ? missing : null,
            },
            CommonIssueJoined joined => Entry(joined.LeadDepartmentId, joined.CommonIssueId),
            CoHandlerContributed contributed => Entry(contributed.DepartmentId, contributed.Text) with { OnTime = contributed.OnTime },
            TicketClosed closed => Entry(text: closed.Comment) with { Closure = closed.Kind, Rating = closed.Rating },
            ReplyRejected rejected => Entry(text: rejected.Reason, due: rejected.Clock.Due),
            TicketEscalatedToHq escalated => Entry(text: escalated.Note) with { Trigger = escalated.Trigger },
            ReturnRequested returned => Entry(returned.DepartmentId, returned.Reason, returned.DecisionDue),
            ReturnAccepted accepted => Entry(accepted.DepartmentId, accepted.Note),
            ReturnRefused refused => Entry(refused.DepartmentId, refused.Note),
            ExtensionRequested requested => Entry(requested.DepartmentId, $"+{requested.WorkingDays}: {requested.Reason}", requested.DecisionDue),
            ExtensionApproved approved => Entry(text: $"+{approved.WorkingDays}: {approved.Note}", due: approved.Clock.Due),
            ExtensionDenied denied => Entry(text: denied.Note),
            SupervisionOrderIssued order => Entry(order.DepartmentId, $"{order.OrderId}: {order.Instructions}", order.Due),
            HqInstructionGiven instruction => Entry(instruction.DepartmentId, $"{instruction.InstructionId}: {instruction.Text}"),
            HqInstructionAcknowledged acknowledged => Entry(acknowledged.DepartmentId, acknowledged.Note is null ? string.Join(", ", acknowledged.InstructionIds) : $"{string.Join(", ", acknowledged.InstructionIds)}: {acknowledged.Note}"),
            EscalationRaised raised => Entry(raised.DepartmentId) with { Rung = raised.Rung, WorkingDaysOverdue = raised.WorkingDaysOverdue },
            DeadlinesRecomputed { ResolutionMoved: true } recomputed => Recomputed(Entry(due: recomputed.Clock!.Due), recomputed),
            DeadlinesRecomputed recomputed => Entry() with { CalendarYears = recomputed.Years },
            _ => Entry(),
        };
    }
}
