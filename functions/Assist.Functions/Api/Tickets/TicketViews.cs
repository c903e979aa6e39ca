using Assist.Domain.Calendar;
using Assist.Domain.Tickets;

namespace Assist.Functions.Api.Tickets;

/// <summary>The deadlines a reader of a ticket cares about (each null when it does not apply now).</summary>
public sealed record TicketDeadlines(Deadline? Resolution, Deadline? SignIn, Deadline? Confirmation, Deadline? ReturnWindow);

/// <summary>An attachment as listed on a ticket; download it from <c>…/attachments/{id}</c>.</summary>
public sealed record AttachmentView(string Id, string FileName, long Size, string ContentType, string Sha256);

/// <summary>
/// One step of a ticket's history. <see cref="Text"/> is what the step said (a question, an answer, a reason, a
/// note), <see cref="Due"/> the deadline it set. <see cref="ActorId"/> is only shown to staff. What the step was
/// beyond its kind travels as values, for readers to put in their own words: the ladder's <see cref="Rung"/> and
/// <see cref="WorkingDaysOverdue"/>, how a ticket closed (<see cref="Closure"/>, <see cref="Rating"/>), why it went
/// to HQ (<see cref="Trigger"/>), the co-handlers whose contributions (协办意见) a reply includes or lacks
/// (<see cref="Contributions"/>, <see cref="MissingContributions"/>), whether a contribution came on time (<see cref="OnTime"/>).
/// </summary>
public sealed record TimelineEntry(
    int Version,
    DateTimeOffset At,
    string Kind,
    ActorKind Actor,
    string? ActorId,
    string? DepartmentId,
    string? Text,
    Deadline? Due,
    IReadOnlyList<AttachmentView>? Attachments,
    EscalationRung? Rung = null,
    int? WorkingDaysOverdue = null,
    ClosureKind? Closure = null,
    SatisfactionRating? Rating = null,
    EscalationTrigger? Trigger = null,
    IReadOnlyList<string>? Contributions = null,
    IReadOnlyList<string>? MissingContributions = null,
    bool? OnTime = null,
    Deadline? PreviousDue = null,
    IReadOnlyList<int>? CalendarYears = null);

public sealed record ReplyView(DateTimeOffset At, string? DepartmentId, string Answer, bool Resolved);

public sealed record InformationRequestView(DateTimeOffset At, string Question, DateTimeOffset? AnsweredAt, string? Answer);

/// <summary>The 201 answer to a submission: the tracking code is shown here, once (only its hash is stored).</summary>
public sealed record SubmittedTicket(
    string Number,
    string TrackingCode,
    TicketStatus Status,
    string StatusZh,
    DateTimeOffset SubmittedAt,
    string? LeadDepartmentId,
    TicketDeadlines Deadlines,
    IReadOnlyList<AttachmentView> Attachments,
    int Version);

/// <summary>
/// What the enterprise sees with its tracking code: status, deadlines, what was asked and answered, the replies.
/// No staff ids, no internal notes (progress notes, escalations, returns, supervision orders).
/// </summary>
public sealed record EnterpriseTicketView(
    string Number,
    string Title,
    TicketStatus Status,
    string StatusZh,
    TicketType Type,
    string Topic,
    bool Urgent,
    bool Confidential,
    DateTimeOffset? SubmittedAt,
    string? LeadDepartmentId,
    string? LeadDepartmentName,
    string? OfficerName,
    bool OfficerDesignated,
    bool Paused,
    bool EscalatedToHq,
    TicketDeadlines Deadlines,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ReplyView> Replies,
    IReadOnlyList<InformationRequestView> InformationRequests,
    IReadOnlyList<AttachmentView> Attachments,
    Closure? Closure,
    IReadOnlyList<string> Actions,
    int Version);

/// <summary>The enterprise as staff see it; the mobile number is always masked (reveal it with RevealMobile).</summary>
public sealed record EnterpriseDetails(
    string Name,
    string CreditCode,
    string District,
    string? Industry,
    string? Size,
    string? Tier,
    string ContactName,
    string MobileMasked);

/// <summary>
/// The staff view of a ticket. <see cref="Enterprise"/> is null when the ticket is confidential (保密) and the
/// caller is a department (overseers still see it). <see cref="Actions"/> lists the operations the status allows.
/// </summary>
public sealed record StaffTicketView(
    string Number,
    TicketStatus Status,
    string StatusZh,
    int Version,
    string Title,
    string Description,
    TicketType Type,
    string Topic,
    bool Urgent,
    bool Confidential,
    bool EnterpriseHidden,
    EnterpriseDetails? Enterprise,
    DateTimeOffset? SubmittedAt,
    string? LeadDepartmentId,
    IReadOnlyList<HandlingDepartment> Departments,
    string? OfficerId,
    TicketDeadlines Deadlines,
    LadderSchedule? Ladder,
    bool Paused,
    bool EscalatedToHq,
    IReadOnlyList<EscalationRung> RungsReached,
    PendingReturn? PendingReturn,
    PendingExtension? PendingExtension,
    IReadOnlyList<SupervisionOrder> SupervisionOrders,
    IReadOnlyList<HqInstruction> Instructions,
    ReplyRecord? LastReply,
    Closure? Closure,
    int Returns,
    int ImproperReturns,
    int Extensions,
    int ExtensionWorkingDays,
    int ReplyRejections,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<string> Actions,
    LedgerCheckView? Ledger);

/// <summary>
/// The mobile number, revealed to an overseer or to the department holding a ticket that is not confidential (every
/// reveal is audited). Departments never get a confidential enterprise's number.
/// </summary>
public sealed record RevealedMobile(string Number, string? ContactName, string Mobile, DateTimeOffset RevealedAt);

/// <summary>
/// One row of the tamper-evident ledger: the event's kind, who and when, and everything a third party needs to
/// recompute its link: the hash <see cref="Scheme"/>, the previous hash, the SHA-256 of the payload, the hash, and the
/// <see cref="Payload"/> itself — the exact JSON whose UTF-8 bytes were digested (scheme 2) or hashed (scheme 1) — unless
/// it is withheld (null, with <see cref="WithheldBecause"/>: see <see cref="LedgerDisclosure"/>). The README's
/// "Verifying a ticket's ledger" gives the scheme.
/// </summary>
public sealed record LedgerEntryView(
    int Version,
    string Kind,
    DateTimeOffset At,
    ActorKind Actor,
    string ActorId,
    int Scheme,
    string PreviousHash,
    string PayloadSha256,
    string Hash,
    string? Payload,
    string? WithheldBecause);

/// <summary>A ticket's ledger and the server's own verification of it (over every stored payload, withheld or not).</summary>
public sealed record TicketLedgerView(string Number, bool Valid, long? FirstBrokenVersion, string? Problem, IReadOnlyList<LedgerEntryView> Entries);

/// <summary>The server's verdict on a ticket's ledger, shown on the staff ticket: intact, or the first version that is not.</summary>
public sealed record LedgerCheckView(bool Valid, long? FirstBrokenVersion);

/// <summary>A page of ticket ledgers in order of receipt; pass <see cref="ContinuationToken"/> back for the next (null at the end).</summary>
public sealed record LedgerChainPageView(IReadOnlyList<TicketLedgerView> Items, string? ContinuationToken);
