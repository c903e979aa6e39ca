using Assist.Functions.Api.Tickets;

namespace Assist.Functions.Pages.Enterprise;

/// <summary>The submission page's fields, named like the API's form so validation errors key the same way.</summary>
public sealed class SubmitForm
{
    public string? EnterpriseName { get; set; }

    public string? CreditCode { get; set; }

    public string? District { get; set; }

    public string? Industry { get; set; }

    public string? Size { get; set; }

    public string? Tier { get; set; }

    public string? ContactName { get; set; }

    public string? Mobile { get; set; }

    public string? Type { get; set; }

    public string? Topic { get; set; }

    public bool Urgent { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public bool Confidential { get; set; }

    public bool ConsentGiven { get; set; }

    /// <summary>A fresh key per form shown: sending the same form twice (double click, retry) makes one ticket.</summary>
    public string? SubmissionKey { get; set; }

    public SubmitTicketRequest ToRequest() => new(
        EnterpriseName, CreditCode, District, Industry, Size, Tier, ContactName, Mobile, Type, Topic,
        Urgent, Title, Description, Confidential, ConsentGiven);
}
