using Assist.Domain.Common;

namespace Assist.Domain.Tickets;

/// <summary>A validated enterprise form: what <see cref="TicketSubmitted"/> records.</summary>
public sealed record TicketSubmission(
    EnterpriseProfile Enterprise,
    TicketType Type,
    string Topic,
    bool Urgent,
    string Title,
    string Description,
    ValueList<AttachmentRef> Attachments,
    bool Confidential);
