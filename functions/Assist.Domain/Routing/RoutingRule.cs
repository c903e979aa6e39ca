using Assist.Domain.Common;

namespace Assist.Domain.Routing;

/// <summary>
/// topic → lead department (主办) and co-handlers (协办). A rule with <see cref="District"/> and/or
/// <see cref="EnterpriseTier"/> overrides the plain topic rule for matching tickets; the most specific wins.
/// </summary>
public sealed record RoutingRule(
    string Id,
    string Topic,
    string LeadDepartmentId,
    ValueList<string> CoHandlerDepartmentIds,
    string? District = null,
    string? EnterpriseTier = null);
