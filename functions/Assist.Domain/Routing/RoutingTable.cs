using Assist.Domain.Common;
using Assist.Domain.Organization;

namespace Assist.Domain.Routing;

/// <summary>
/// Routing rules as data. OTHER (and any topic without a rule) is routed by hand by the HQ office. A ticket's tier is
/// compared by its code (<see cref="EnterpriseTiers"/>), so a ticket stored with a tier's Chinese name still matches.
/// </summary>
public sealed record RoutingTable(ValueList<RoutingRule> Rules)
{
    public const string ManualTopic = "OTHER";

    /// <summary>The route for a ticket, or null when the HQ office must route it by hand.</summary>
    public RouteDecision? Resolve(string topic, string? district, string? enterpriseTier)
    {
        if (topic == ManualTopic)
        {
            return null;
        }

        var tier = EnterpriseTiers.Normalize(enterpriseTier);
        var rule = Rules
            .Where(r => r.Topic == topic
                && (r.District is null || r.District == district)
                && (r.EnterpriseTier is null || r.EnterpriseTier == tier))
            .OrderByDescending(r => (r.District is null ? 0 : 1) + (r.EnterpriseTier is null ? 0 : 2))
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return rule is null ? null : new RouteDecision(rule.LeadDepartmentId, rule.CoHandlerDepartmentIds, rule.Id);
    }
}
