using System.Text.Json.Serialization;
using Assist.Domain.Calendar;

namespace Assist.Domain.Tickets;

/// <summary>
/// A department routed a ticket, with its own sign-in deadline; a co-handler (协办) also with the deadline of its
/// contribution and that contribution's ladder (null for the lead, and in events recorded before co-handlers had one;
/// left out of the JSON when null, so a routing without co-handlers is stored byte for byte as before).
/// </summary>
public sealed record DepartmentSignIn(
    string DepartmentId,
    DepartmentRole Role,
    Deadline SignInDue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Deadline? ContributionDue = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LadderSchedule? ContributionLadder = null);
