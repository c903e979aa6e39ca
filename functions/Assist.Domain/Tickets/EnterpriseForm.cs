using Assist.Domain.Common;

namespace Assist.Domain.Tickets;

/// <summary>
/// The public form as the client sent it (raw strings). Property names are the field keys of validation errors.
/// </summary>
public sealed record EnterpriseForm(
    string? EnterpriseName,
    string? CreditCode,
    string? District,
    string? Industry,
    string? Size,
    string? Tier,
    string? ContactName,
    string? Mobile,
    string? Type,
    string? Topic,
    bool Urgent,
    string? Title,
    string? Description,
    ValueList<AttachmentRef>? Attachments,
    bool Confidential,
    bool ConsentGiven);
