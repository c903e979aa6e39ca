using Assist.Storage.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace Assist.Functions.Lifecycle;

/// <summary>The ticket orchestration's activities: thin, each calls one use case (the look also turns "due at" into "wait this long").</summary>
public sealed partial class TicketActivities(TicketService tickets, LifecycleMonitor monitor, ILogger<TicketActivities> logger)
{
    public const string Advance = "AdvanceTicket";

    /// <summary>
    /// Not "RouteTicket": function names are one namespace in a Functions app, and that is the staff API's manual
    /// routing (the Worker SDK refuses the build, AZFW0017). Development task hubs holding orchestrations scheduled
    /// before the rename may replay the old name: start those with a fresh hub.
    /// </summary>
    public const string Route = "RouteNewTicket";

    /// <summary>
    /// The longest single wait. The app clock may be moved (development) and a ticket may hold no timer while it waits
    /// for a person (e.g. HQ routing it by hand): it is looked at again at least this often.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    /// <summary>A timer still due after a look (it lost every race to other writers) is tried again after this.</summary>
    public static readonly TimeSpan ShortestWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Applies what is due and projects; returns how long to wait, measured on the app clock. The orchestrator waits
    /// that long from its own time, so it never reads the app clock (which in development can be moved).
    /// </summary>
    [Function(Advance)]
    public async Task<TicketStep> AdvanceAsync([ActivityTrigger] string ticket, CancellationToken cancellationToken)
    {
        try
        {
            var advance = await tickets.AdvanceAsync(ticket, cancellationToken);
            var wait = advance.NextDueAt is { } next ? Clamp(next - advance.AsOf) : LongestWait;
            var step = new TicketStep(advance.Number, advance.Version, advance.Closed, wait, advance.AsOf, advance.TimersFired);
            monitor.Advanced(step);
            return step;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            monitor.Failed(ticket, exception);
            LogFailed(logger, exception, ticket);
            throw;
        }
    }

    /// <summary>派单 by the routing rules and assignment, right after the submission; returns the version it left the ticket at.</summary>
    [Function(Route)]
    public async Task<int> RouteAsync([ActivityTrigger] string ticket, CancellationToken cancellationToken)
    {
        try
        {
            return (await tickets.RouteAsync(ticket, cancellationToken))?.Version ?? 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            monitor.Failed(ticket, exception);
            LogFailed(logger, exception, ticket);
            throw;
        }
    }

    /// <remarks>
    /// A durable timer is a queue message made visible in whole seconds, so it can fire up to a second early; a look
    /// that early finds the timer not yet due and would look again and again until it is. The wait is therefore
    /// rounded up to the next whole second and one more: at most two seconds late, never early.
    /// </remarks>
    internal static TimeSpan Clamp(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? ShortestWait
        : wait > LongestWait ? LongestWait
        : TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds) + 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An activity of ticket {TicketNumber} failed; the orchestration retries it with backoff")]
    private static partial void LogFailed(ILogger logger, Exception exception, string ticketNumber);
}
