using System.ComponentModel.DataAnnotations;
using Assist.Domain.Common;
using Assist.Domain.Tickets;

namespace Assist.Functions.Api.Tickets;

/// <summary>
/// The public form (JSON, or the same names as multipart/form-data fields with files in <c>attachments</c>).
/// Field names are the keys of validation errors.
/// </summary>
public sealed record SubmitTicketRequest(
    [property: Required] string? EnterpriseName,
    [property: Required] string? CreditCode,
    [property: Required] string? District,
    string? Industry,
    string? Size,
    string? Tier,
    [property: Required] string? ContactName,
    [property: Required] string? Mobile,
    [property: Required] string? Type,
    [property: Required] string? Topic,
    bool? Urgent,
    [property: Required] string? Title,
    [property: Required] string? Description,
    bool? Confidential,
    [property: Required] bool? ConsentGiven)
{
    public EnterpriseForm ToForm(IReadOnlyList<AttachmentRef> attachments) => new(
        EnterpriseName, CreditCode, District, Industry, Size, Tier, ContactName, Mobile, Type, Topic,
        Urgent == true, Title, Description, attachments.ToValueList(), Confidential == true, ConsentGiven == true);
}

/// <summary>The enterprise's answer to a request for information (JSON, or multipart with files in <c>attachments</c>).</summary>
public sealed record ProvideInformationRequest([property: Required] string? Answer);

/// <summary>销号: the enterprise confirms with a rating on the 5-level scale (by name, e.g. <c>Satisfied</c>, or 1–5).</summary>
public sealed record ConfirmTicketRequest([property: Required] SatisfactionRating? Rating, string? Comment);

/// <summary>不满意: the enterprise rejects the reply and says why; the ticket is reopened.</summary>
public sealed record RejectReplyRequest([property: Required] string? Reason);
