using System.ComponentModel.DataAnnotations;
namespace Assist.Functions.Api.Staff;

/// <summary>派单 by hand: the lead department and optional co-handlers (协办).</summary>
public sealed record RouteTicketRequest([property: Required] string? LeadDepartmentId, IReadOnlyList<string>? CoHandlerDepartmentIds);

/// <summary>Assigns an officer of the lead department; without <see cref="OfficerId"/> the rules choose (workload, round robin).</summary>
public sealed record AssignOfficerRequest(string? OfficerId);

public sealed record ReassignOfficerRequest([property: Required] string? OfficerId, [property: Required] string? Reason);

/// <summary>签收 / 报到 for a department; without <see cref="DepartmentId"/> the caller's own handling department.</summary>
public sealed record CheckInRequest(string? DepartmentId);

/// <summary>A note: contact with the enterprise, progress, or the reason of an HQ escalation.</summary>
public sealed record NoteRequest([property: Required] string? Note);

public sealed record RequestInformationRequest([property: Required] string? Question);

/// <summary>答复; <see cref="Resolved"/> says whether the problem was solved.</summary>
public sealed record ReplyRequest([property: Required] string? Answer, [property: Required] bool? Resolved);

public sealed record RequestExtensionRequest([property: Required] int? WorkingDays, [property: Required] string? Reason);

/// <summary>A supervisor's decision; <see cref="WorkingDays"/> may approve fewer days than requested.</summary>
public sealed record DecideExtensionRequest([property: Required] bool? Approve, [property: Required] string? Note, int? WorkingDays);

public sealed record ReturnTicketRequest([property: Required] string? Reason);

/// <summary>Accepting a return needs the new lead department (改派, new clock); refusing records an improper return.</summary>
public sealed record DecideReturnRequest([property: Required] bool? Accept, [property: Required] string? Note, string? NewLeadDepartmentId, IReadOnlyList<string>? NewCoHandlerDepartmentIds);

/// <summary>督办单 to a handling department (the lead when omitted) with its own deadline in working days.</summary>
public sealed record IssueSupervisionOrderRequest(string? DepartmentId, [property: Required] string? Instructions, [property: Required] int? WorkingDays);

/// <summary>批示: an HQ leader's instruction to the lead department of a ticket escalated to HQ.</summary>
public sealed record GiveInstructionRequest([property: Required] string? Instruction);

/// <summary>协办意见 for a co-handling department: the caller's own when <see cref="DepartmentId"/> is omitted.</summary>
public sealed record ContributionRequest(string? DepartmentId, [property: Required] string? Text);

/// <summary>签收批示: acknowledges every HQ instruction not yet acknowledged, with an optional note.</summary>
public sealed record AcknowledgeInstructionRequest(string? Note);
