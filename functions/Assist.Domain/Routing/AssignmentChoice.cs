namespace Assist.Domain.Routing;

public sealed record AssignmentChoice(string OfficerId, AssignmentReason Reason);
