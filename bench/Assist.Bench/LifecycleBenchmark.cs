using Assist.Bench.Harness;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Pipeline;
using Assist.Storage.Workflow;
using Assist.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assist.Bench;

/// <summary>
/// Storage transactions per ticket for the standard lifecycle — submit, route, assign, sign in, two reminders (blue
/// reminder, yellow card), one escalation (red card to the supervisors), reply, confirm — counted by the metering
/// policy on the engine in this process (manual clock, private Azurite), beside what the Durable Functions Azure
/// Storage provider would spend on the same flow, derived step by step from its documented mechanics.
/// </summary>
internal static class LifecycleBenchmark
{
    /// <summary>A quiet Tuesday morning, China time: no holiday near, so the clocks are plain working days.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    // Durable Functions, Azure Storage provider, per orchestration step (see the README derivation):
    //   an orchestrator episode = control-queue dequeue 1 + History range query 1 + History batch write 1
    //                             + Instances upsert 1 + delete of the processed message 1          = 5
    //   an activity call        = work-item put 1 + dequeue 1 + result put to the control queue 1 + delete 1 = 4,
    //                             plus the episode that consumes the result                           = 4 + 5
    //   start (client)          = Instances insert 1 + ExecutionStarted put 1, then one episode        = 2 + 5
    //   external event (client) = Instances status read 1 + EventRaised put 1, then one episode        = 2 + 5
    //   durable timer           = TimerCreated put (with visibility) 1 in the episode that creates it, then the
    //                             TimerFired episode                                                  = 1 + 5
    private const int Episode = 5;
    private const int Activity = 4 + Episode;
    private const int ClientMessage = 2 + Episode;
    private const int TimerFire = 1 + Episode;

    public static async Task<int> RunAsync(string[] args)
    {
        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine("## Storage transactions per ticket: standard lifecycle (engine in-process, metering policy)");
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);
        var clock = new ManualTimeProvider(Start);
        using var engine = new Engine(azurite.ConnectionString, clock);
        await engine.InitializeAsync(cancellationToken);
        var service = engine.Service;
        var metering = engine.Clients.Metering;

        // Warm the directory cache as a running app has it (one ticket alone: no other ticket's timers in the sweeps).
        await engine.Directory.GetAsync(cancellationToken);

        var table = new ResultTable("Step", "Assist (measured)", "Assist by operation", "Durable Functions (derived)", "DF derivation");
        long assistTotal = 0, dfTotal = 0;
        void Row(string step, StorageTransactionSnapshot used, int df, string how)
        {
            assistTotal += used.Total;
            dfTotal += df;
            table.Add(step, used.Total, used.ToString(), df, how);
        }

        async Task<(StorageTransactionSnapshot Used, T Result)> Measure<T>(Func<Task<T>> action)
        {
            var before = metering.Snapshot();
            var result = await action();
            return (metering.Snapshot().Since(before), result);
        }

        // 受理: a topic without a routing rule stays with the HQ office for routing by hand.
        var (used, submitted) = await Measure(() => service.SubmitAsync(new SubmitRequest(TicketSeeder.Form(1, "OTHER"), Actor.Enterprise, "hash", null, null), cancellationToken));
        var number = ((SubmitResult.Created)submitted).Ticket.Number;
        Row("submit", used, ClientMessage + 1 + Activity, "start 2 + episode 5 + dedupe read 1 + activity (acknowledge/notify HQ) 9");

        (used, var routed) = await Measure(() => service.ExecuteAsync(number, _ => new RouteTicket(Actor.Staff("officer.hq-office.1"), "finance", Assist.Domain.Common.ValueList.Empty<string>()), null, cancellationToken));
        Expect(routed, "route");
        Row("route (HQ office)", used, ClientMessage + Activity, "event 7 + activity (route, notify department) 9");

        var state = ((CommandResult.Accepted)routed).Ticket.State;
        if (state.OfficerId is null)
        {
            (used, var assigned) = await Measure(() => service.ExecuteAsync(number, _ => new AssignOfficer(Actor.Staff("head.finance"), null), null, cancellationToken));
            Expect(assigned, "assign");
            state = ((CommandResult.Accepted)assigned).Ticket.State;
            Row("assign (department head)", used, ClientMessage + Activity + 1, "event 7 + activity (choose officer, notify) 9 + sign-in timer put 1");
        }
        else
        {
            // The seeded rules assign an officer in the same commit as the route; DF would do it in the route's activity.
            Row("assign (in the route's commit)", metering.Snapshot().Since(metering.Snapshot()), 1, "in the route activity; sign-in timer put 1");
        }

        var officer = Actor.Staff(state.OfficerId!);
        (used, var signedIn) = await Measure(() => service.ExecuteAsync(number, _ => new CheckIn(officer, "finance"), null, cancellationToken));
        Expect(signedIn, "sign in");
        state = ((CommandResult.Accepted)signedIn).Ticket.State;
        // In Durable Functions the pending sign-in timer cannot be removed from the control queue: it still fires later
        // (dequeue + delete + an episode that ignores it), and the orchestration creates its ladder timers (blue, yellow, red).
        Row("sign in (签收)", used, ClientMessage + 3 + TimerFire, "event 7 + 3 ladder timer puts + stale sign-in timer still fires 6");

        var empty = await EmptySweepAsync(engine, clock, cancellationToken);
        foreach (var (kind, label, df, how) in new[]
                 {
                     (TimerKind.BlueReminder, "reminder 1: blue (officer)", TimerFire + Activity, "timer fires 6 + activity (notify) 9"),
                     (TimerKind.YellowCard, "reminder 2: yellow card (head)", TimerFire + Activity, "timer fires 6 + activity (notify) 9"),
                     (TimerKind.RedCard, "escalation: red card (supervisors)", TimerFire + Activity + 1, "timer fires 6 + activity (notify) 9 + HQ timer put 1"),
                 })
        {
            var timer = TicketDecider.Timers(state).First(t => t.Kind == kind);
            clock.SetUtcNow(timer.DueAt + TimeSpan.FromMinutes(1));
            (used, var report) = await Measure(() => service.AdvanceAsync(number, cancellationToken));
            if (report.TimersFired != 1)
            {
                throw new InvalidOperationException($"{kind}: the look fired {report.TimersFired} timers, expected 1.");
            }

            state = (await service.GetAsync(number, cancellationToken))!.State;
            Row(label + " — look incl.", used, df, how);
        }

        (used, var replied) = await Measure(() => service.ExecuteAsync(number, _ => new Reply(officer, "贷款已发放", true), null, cancellationToken));
        Expect(replied, "reply");
        Row("reply (答复)", used, ClientMessage + Activity + 1, "event 7 + activity (notify enterprise) 9 + confirmation-window timer put 1");

        (used, var confirmed) = await Measure(() => service.ExecuteAsync(number, _ => new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, "感谢"), null, cancellationToken));
        Expect(confirmed, "confirm");
        Row("confirm (销号)", used, ClientMessage + Activity + 2 + 2, "event 7 + activity (score) 9 + leftover HQ and window timers dequeued and deleted 2 × 2");

        // For reference (not in the total): the intake benchmark's submit, where a routing rule routes and assigns in the submit's commit.
        var (intakeUsed, _) = await Measure(() => service.SubmitAsync(new SubmitRequest(TicketSeeder.Form(2, "FINANCE"), Actor.Enterprise, "hash", null, null), cancellationToken));

        Console.WriteLine();
        Console.Write(table);
        Console.WriteLine();
        Console.WriteLine($"Total per ticket: Assist {assistTotal} storage transactions (measured) · Durable Functions {dfTotal} (derived, provider only) · ratio Assist/DF {Stats.Ratio((double)assistTotal / dfTotal)}");
        Console.WriteLine($"Assist's totals include its read models (desk, department queue, overdue board, inbox, counters); the DF figure covers the provider's");
        Console.WriteLine($"own queues and tables only — the same read models would be extra activity writes there. Timer rows include the sweep's fixed cost;");
        Console.WriteLine($"a sweep that finds nothing due costs {empty.Total} transactions ({empty}) and is shared by every ticket due in that sweep.");
        Console.WriteLine($"A submit that a routing rule routes and assigns at once (the intake benchmark's case) costs {intakeUsed.Total} transactions ({intakeUsed}).");
        Console.WriteLine("Queue polling by Durable Functions (idle control/work-item queue polls, partition lease renewals) is excluded, as is Assist's idle sweep every 30 s.");
        Console.WriteLine();
        return 0;
    }

    private static async Task<StorageTransactionSnapshot> EmptySweepAsync(Engine engine, ManualTimeProvider clock, CancellationToken cancellationToken)
    {
        clock.Advance(TimeSpan.FromMinutes(1));
        await engine.Service.SweepAsync(cancellationToken);
        clock.Advance(TimeSpan.FromSeconds(30));
        var before = engine.Clients.Metering.Snapshot();
        await engine.Service.SweepAsync(cancellationToken);
        return engine.Clients.Metering.Snapshot().Since(before);
    }

    private static void Expect(CommandResult result, string step)
    {
        if (result is not CommandResult.Accepted { NewEvents.Count: > 0 })
        {
            throw new InvalidOperationException($"{step} was not accepted: {result}");
        }
    }
}
