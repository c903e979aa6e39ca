namespace Assist.Functions.Api.Staff;

/// <summary>派单 by hand: the lead department and optional co-handlers (协办).</summary>
public sealed record RouteTicketRequest(string? LeadDepartmentId, IReadOnlyList<string>? CoHandlerDepartmentIds);

/// <summary>Assigns an officer of the lead department; without <see cref="OfficerId"/> the rules choose (workload, round robin).</summary>
public sealed record AssignOfficerRequest(string? OfficerId);

public sealed record ReassignOfficerRequest(string? OfficerId, string? Reason);

/// <summary>签收 / 报到 for a department; without <see cref="DepartmentId"/> the caller's own handling department.</summary>
public sealed record CheckInRequest(string? DepartmentId);

/// <summary>A note: contact with the enterprise, progress, or the reason of an HQ escalation.</summary>
public sealed record NoteRequest(string? Note);

public sealed record RequestInformationRequest(string? Question);

/// <summary>答复; <see cref="Resolved"/> says whether the problem was solved.</summary>
public sealed record ReplyRequest(string? Answer, bool? Resolved);

public sealed record RequestExtensionRequest(int? WorkingDays, string? Reason);

/// <summary>A supervisor's decision; <see cref="WorkingDays"/> may approve fewer days than requested.</summary>
public sealed record DecideExtensionRequest(bool? Approve, string? Note, int? WorkingDays);

public sealed record ReturnTicketRequest(string? Reason);

/// <summary>Accepting a return needs the new lead department (改派, new clock); refusing records an improper return.</summary>
public sealed record DecideReturnRequest(bool? Accept, string? Note, string? NewLeadDepartmentId, IReadOnlyList<string>? NewCoHandlerDepartmentIds);

/// <summary>督办单 to a handling department (the lead when omitted) with its own deadline in working days.</summary>
public sealed record IssueSupervisionOrderRequest(string? DepartmentId, string? Instructions, int? WorkingDays);
