using System.Text.Json.Serialization;

namespace Assist.Domain.Policies;

/// <summary>
/// Every number of the lifecycle, as data an administrator edits. <see cref="CoHandling"/> came later: policies stored
/// before it have none, and <see cref="CoHandlingOrDefault"/> stands in for them.
/// </summary>
public sealed record TicketPolicies(
    SlaPolicies Sla,
    EscalationLadder Ladder,
    ExtensionPolicy Extension,
    ReturnPolicy Return,
    ConfirmationPolicy Confirmation,
    CoHandlingPolicy? CoHandling = null)
{
    [JsonIgnore]
    public CoHandlingPolicy CoHandlingOrDefault => CoHandling ?? CoHandlingPolicy.Default;
}
