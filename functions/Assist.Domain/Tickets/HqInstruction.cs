namespace Assist.Domain.Tickets;

/// <summary>批示: an HQ leader's instruction to the lead department; <see cref="AcknowledgedAt"/> is set when the department signs for it (签收批示).</summary>
public sealed record HqInstruction(
    string InstructionId,
    string DepartmentId,
    string Text,
    string GivenBy,
    DateTimeOffset GivenAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy);
