using Assist.Domain.Calendar;
using Assist.Domain.Common;

namespace Assist.Domain.Tickets;

/// <summary>
/// A ticket as its events left it: immutable, changed only by <see cref="TicketDecider.Evolve"/>, serializable
/// with <see cref="Assist.Domain.Ledger.TicketEventSerializer"/> so storage may keep it as a snapshot next to the events.
/// <see cref="Version"/> is the number of events applied (the ETag of the ticket).
/// </summary>
public sealed record TicketState
{
    public static TicketState Initial { get; } = new();

    public string TicketId { get; init; } = "";

    public string TicketNumber { get; init; } = "";

    public TicketStatus Status { get; init; } = TicketStatus.New;

    public int Version { get; init; }

    public TicketSubmission? Submission { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public string? LeadDepartmentId { get; init; }

    public ValueList<HandlingDepartment> Departments { get; init; } = ValueList.Empty<HandlingDepartment>();

    /// <summary>How many times the ticket was routed (改派 after an accepted return adds one).</summary>
    public int RouteCount { get; init; }

    /// <summary>No rule routed the ticket and the HQ office has been asked to (once).</summary>
    public bool AwaitingManualRouting { get; init; }

    /// <summary>When the current routing round began: the sign-in and return clocks count from it (null in snapshots stored before it was kept).</summary>
    public DateTimeOffset? RoutedAt { get; init; }

    public Deadline? ReturnWindow { get; init; }

    /// <summary>A supervisor already decided a return in this routing round (the decision is final).</summary>
    public bool ReturnDecidedThisRound { get; init; }

    public string? OfficerId { get; init; }

    /// <summary>Staff who routed the ticket by hand (派单), in any round: they keep sight of the ticket they routed.</summary>
    public ValueList<string> HandRoutedBy { get; init; } = ValueList.Empty<string>();

    public ResolutionClock? Clock { get; init; }

    /// <summary>Set while 待补充: the resolution clock is paused.</summary>
    public DateTimeOffset? PausedAt { get; init; }

    public TimeSpan TotalPausedWorkingTime { get; init; }

    /// <summary>Ladder rungs already raised for the current deadline.</summary>
    public ValueList<EscalationRung> RungsReached { get; init; } = ValueList.Empty<EscalationRung>();

    public DateTimeOffset? FirstContactAt { get; init; }

    public bool EscalatedToHq { get; init; }

    public PendingReturn? PendingReturn { get; init; }

    public int Returns { get; init; }

    public int ImproperReturns { get; init; }

    public PendingExtension? PendingExtension { get; init; }

    public int Extensions { get; init; }

    public int ExtensionWorkingDays { get; init; }

    public int ReplyRejections { get; init; }

    public ReplyRecord? LastReply { get; init; }

    public ValueList<SupervisionOrder> SupervisionOrders { get; init; } = ValueList.Empty<SupervisionOrder>();

    /// <summary>批示 given by HQ leaders after 提级, acknowledged or not.</summary>
    public ValueList<HqInstruction> Instructions { get; init; } = ValueList.Empty<HqInstruction>();

    public Closure? Closure { get; init; }

    /// <summary>共性问题 the ticket belongs to, and the department giving that issue's coordinated answer.</summary>
    public string? CommonIssueId { get; init; }

    public string? CommonIssueLeadDepartmentId { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Urgent => Submission?.Urgent == true;

    public HandlingDepartment? Department(string? departmentId) => Departments.FirstOrDefault(d => d.DepartmentId == departmentId);
}
