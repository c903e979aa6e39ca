using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// One orchestration per ticket (instance id = ticket number) drives it through time. It routes and assigns the new
/// ticket by the rules (<see cref="TicketActivities.RouteAsync"/>), looks at it, then waits for whichever comes first,
/// the ticket's next due moment or a wake-up raised after a command, looks again, and ends when the ticket closes. "Looking" is <see cref="TicketActivities.AdvanceAsync"/>: it fires what is due
/// (reminders, yellow and red cards, 提级, overdue sign-in, auto-close 未评价), finishes the projections and says how
/// long to wait. Every few steps the orchestration continues as new, so its history stays short.
/// </summary>
/// <remarks>
/// Deterministic: no clock (the context's time only), no I/O, no random. Inputs, outputs and custom status carry the
/// ticket number, versions and instants only: Durable history is plain text and kept, so no personal data.
/// A wake-up carries nothing the loop needs: it only means "look again", and every generation starts by looking. So
/// a wake-up lost where ContinueAsNew meets a timer (durabletask-dotnet #387) loses nothing: it was raised after its
/// command committed, and the next generation's first look is scheduled after the episode that lost it.
/// </remarks>
public static class TicketOrchestration
{
    public const string Name = "TicketLifecycle";

    /// <summary>The event a command raises after it commits; its payload is the version it committed.</summary>
    public const string WakeUpEvent = "TicketChanged";

    /// <summary>How long the orchestration waits after a look that failed every retry, before looking again.</summary>
    public static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMinutes(10);

    /// <summary>Each look is retried with backoff (storage may be away for a while): 5 s, 10 s, 20 s, … up to 2 min.</summary>
    private static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(2)));

    [Function(Name)]
    public static async Task<TicketStep> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, TicketLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(lifecycle);
        if (lifecycle.Generation == 0)
        {
            await RouteAsync(context, lifecycle);
        }

        var step = await LookAsync(context, lifecycle);
        for (var steps = 1; !step.Closed; steps++)
        {
            context.SetCustomStatus(new TicketLifecycleStatus(step.Version, step.AsOf, lifecycle.Generation));
            if (steps >= lifecycle.StepsPerGeneration)
            {
                context.ContinueAsNew(lifecycle.Next(), preserveUnprocessedEvents: true);
                return step;
            }

            await DueOrWakeUpAsync(context, step.Wait);
            step = await LookAsync(context, lifecycle);
        }

        context.SetCustomStatus(new TicketLifecycleStatus(step.Version, step.AsOf, lifecycle.Generation));
        return step;
    }

    private static async Task RouteAsync(TaskOrchestrationContext context, TicketLifecycle lifecycle)
    {
        try
        {
            await context.CallActivityAsync<int>(TicketActivities.Route, lifecycle.Ticket, Retried);
        }
        catch (TaskFailedException)
        {
            // Every retry failed: the ticket waits unrouted in the HQ office's queue, where it can be routed by hand.
        }
    }

    private static async Task<TicketStep> LookAsync(TaskOrchestrationContext context, TicketLifecycle lifecycle)
    {
        try
        {
            return await context.CallActivityAsync<TicketStep>(TicketActivities.Advance, lifecycle.Ticket, Retried);
        }
        catch (TaskFailedException)
        {
            // Every retry failed (storage away for long): the activity logged each failure and the health check shows
            // it. The ticket is not lost: look again after a pause, or sooner if a command wakes it.
            return TicketStep.Failed(lifecycle.Ticket, PauseAfterFailure);
        }
    }

    private static async Task DueOrWakeUpAsync(TaskOrchestrationContext context, TimeSpan wait)
    {
        using var cancel = new CancellationTokenSource();
        var due = context.CreateTimer(context.CurrentUtcDateTime + wait, cancel.Token);
        var wakeUp = context.WaitForExternalEvent<int>(WakeUpEvent, cancel.Token);
        await Task.WhenAny(due, wakeUp);
        // Whichever did not finish is cancelled: a pending timer is dropped, and a wake-up that arrives later is kept
        // for the next wait.
        cancel.Cancel();
    }
}

/// <summary>The orchestration's input: the ticket, and how many looks one generation takes before it continues as new.</summary>
public sealed record TicketLifecycle(string Ticket, int Generation = 0, int StepsPerGeneration = TicketLifecycle.DefaultStepsPerGeneration)
{
    public const int DefaultStepsPerGeneration = 20;

    public TicketLifecycle Next() => this with { Generation = Generation + 1 };
}

/// <summary>
/// What a look found: the ticket's version, whether it is closed, how long to wait on the orchestration's own clock
/// until its next due moment, when (app clock) it looked and how many timers it fired.
/// </summary>
public sealed record TicketStep(string Ticket, int Version, bool Closed, TimeSpan Wait, DateTimeOffset AsOf, int TimersFired)
{
    public static TicketStep Failed(string ticket, TimeSpan wait) => new(ticket, -1, false, wait, default, 0);
}

/// <summary>The custom status: the version last looked at, the app-clock instant of that look, and the generation.</summary>
public sealed record TicketLifecycleStatus(int Version, DateTimeOffset AsOf, int Generation);
