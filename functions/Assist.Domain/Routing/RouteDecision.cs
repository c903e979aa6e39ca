using Assist.Domain.Common;

namespace Assist.Domain.Routing;

public sealed record RouteDecision(string LeadDepartmentId, ValueList<string> CoHandlerDepartmentIds, string RuleId);
