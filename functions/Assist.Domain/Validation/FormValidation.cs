using Assist.Domain.Tickets;

namespace Assist.Domain.Validation;

/// <summary>Either a valid <see cref="Submission"/> or field-keyed <see cref="Errors"/>.</summary>
public sealed record FormValidation(TicketSubmission? Submission, ValidationErrors Errors)
{
    public bool IsValid => Submission is not null;
}
