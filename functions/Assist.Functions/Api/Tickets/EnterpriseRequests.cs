using Assist.Domain.Common;
using Assist.Domain.Tickets;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// The public form (JSON, or the same names as multipart/form-data fields with files in <c>attachments</c>).
/// Field names are the keys of validation errors.
/// </summary>
public sealed record SubmitTicketRequest(
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
    bool? Urgent,
    string? Title,
    string? Description,
    bool? Confidential,
    bool? ConsentGiven)
{
    public EnterpriseForm ToForm(IReadOnlyList<AttachmentRef> attachments) => new(
        EnterpriseName, CreditCode, District, Industry, Size, Tier, ContactName, Mobile, Type, Topic,
        Urgent == true, Title, Description, attachments.ToValueList(), Confidential == true, ConsentGiven == true);
}

/// <summary>The enterprise's answer to a request for information (JSON, or multipart with files in <c>attachments</c>).</summary>
public sealed record ProvideInformationRequest(string? Answer);

/// <summary>销号: the enterprise confirms with a rating on the 5-level scale (by name, e.g. <c>Satisfied</c>, or 1–5).</summary>
public sealed record ConfirmTicketRequest(SatisfactionRating? Rating, string? Comment);

/// <summary>不满意: the enterprise rejects the reply and says why; the ticket is reopened.</summary>
public sealed record RejectReplyRequest(string? Reason);
