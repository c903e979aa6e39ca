namespace Assist.Storage.Workflow;

/// <summary>
/// What drives a ticket through time once it is committed: in the app, one Durable orchestration per ticket. The
/// ticket use cases tell it about commits; none of these calls may make a command wait for, or fail because of, the
/// engine.
/// </summary>
public interface ITicketLifecycle
{
    /// <summary>
    /// A submission committed under a scheduling marker. Starts the ticket's orchestration without making the caller
    /// wait; once it is scheduled the marker is forgotten (<see cref="ScheduleMarkers.ForgetAsync"/>). If this
    /// process dies first, the repair sweep finds the marker and calls <see cref="EnsureRunningAsync"/>.
    /// </summary>
    void Submitted(string ticketNumber, int version, ScheduleMarker marker);

    /// <summary>A command committed <paramref name="version"/>: wake the orchestration up (best effort).</summary>
    Task ChangedAsync(string ticketNumber, int version, CancellationToken cancellationToken);

    /// <summary>Starts the ticket's orchestration if it is missing or failed; a live or finished one is left alone.</summary>
    Task EnsureRunningAsync(string ticketNumber, CancellationToken cancellationToken);
}

/// <summary>A "to be scheduled" marker: its row in the housekeeping index (<c>DueTimers</c>).</summary>
public sealed record ScheduleMarker(string Bucket, string RowKey);

/// <summary>
/// Where a ticket stands after <see cref="TicketService.AdvanceAsync"/>: its version, whether it is closed, and when
/// (on the app clock) its next timer falls due; <see cref="TimersFired"/> counts what this call fired.
/// </summary>
public sealed record TicketAdvance(string Number, int Version, bool Closed, DateTimeOffset? NextDueAt, DateTimeOffset AsOf, int TimersFired)
{
    public static TicketAdvance Missing(string number, DateTimeOffset asOf) => new(number, 0, true, null, asOf, 0);
}
