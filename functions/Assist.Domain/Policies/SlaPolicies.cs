using Assist.Domain.Common;
using Assist.Domain.Tickets;

namespace Assist.Domain.Policies;

public sealed record SlaPolicies(ValueList<SlaPolicy> Rules)
{
    /// <summary>The policy for (type, urgency); every pair must be configured.</summary>
    public SlaPolicy For(TicketType type, bool urgent) =>
        Rules.FirstOrDefault(rule => rule.Type == type && rule.Urgent == urgent)
        ?? throw new InvalidOperationException($"No SLA policy is configured for {type} (urgent: {urgent}).");
}
