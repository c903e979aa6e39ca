using System.Diagnostics;
using Assist.Bench.Harness;
using Assist.Domain.Common;
using Assist.Domain.Tickets;
using Assist.Functions;
using Assist.Functions.Hosting;
using Assist.Functions.Lifecycle;
using Assist.LocalHost;
using Assist.LocalHost.Durable;
using Assist.Storage;
using Assist.Storage.Pipeline;
using Assist.Storage.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assist.Bench;

/// <summary>
/// Storage transactions per ticket for the standard lifecycle — submit, route, assign, sign in, two reminders (blue
/// reminder, yellow card), one escalation (red card to the supervisors), reply, confirm — measured for Assist whole: the
/// app built in this process (<see cref="LocalHostApp"/>, as the tests build it) on a private Azurite, its own tables and
/// blobs counted by its metering policy, the Durable provider's queues, tables and blobs by an <see cref="EngineMeter"/>
/// on the provider's clients (through DurableEngine's client hook). Beside it, on the same Azurite, the bare engine (the
/// same orchestration, no-op look) taken through the same steps: started where Assist started, woken where a command
/// woke the ticket, its timer firing where a reminder fired. Each step ends when its look has run and then nothing but
/// idle polling has happened for <see cref="Quiet"/>. Idle polling (queue polls that find nothing, partition lease
/// upkeep) is excluded on both sides and shown apart; the app's own scheduler (the repair sweep) is off.
/// </summary>
internal static class LifecycleBenchmark
{
    /// <summary>A quiet Tuesday morning, China time: no holiday near, so the clocks are plain working days.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>How long only idle polling must go on before a step's work is taken as done (queues are polled every second).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long before a reminder's due instant the bench sets the app clock: the wake-up's look then sets a durable
    /// timer this long, which fires after the wake-up's own work has been metered.
    /// </summary>
    private static readonly TimeSpan TimerLead = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Both engines poll an idle queue at least every second (as a developer runs the engine): a step's messages never
    /// wait long, so the end of its work shows as <see cref="Quiet"/>. Empty polls are not counted either way.
    /// </summary>
    private static readonly Dictionary<string, string> EngineDefaults = new(StringComparer.Ordinal)
    {
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:01",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Dictionary<string, string>(EngineDefaults, StringComparer.Ordinal);
        foreach (var (key, value) in CommandOptions.Settings(args))
        {
            settings[key] = value;
        }

        var cancellationToken = ChildProcesses.Cancellation.Token;
        Console.WriteLine("## Storage transactions per ticket: standard lifecycle, Assist (app + Durable provider, measured) beside the bare engine");
        await using var azurite = await BenchAzurite.StartAsync(cancellationToken, inMemory: true);
        var assist = await AssistAsync(azurite.ConnectionString, settings, cancellationToken);
        var bare = await BareAsync(azurite.ConnectionString, settings, assist.Steps, cancellationToken);

        var table = new ResultTable("Step", "Assist (measured)", "Assist: app tables and blobs", "Assist: Durable provider", "Assist: looks", "Bare engine (measured)", "Bare: looks");
        foreach (var (step, engine) in assist.Steps.Zip(bare.Steps))
        {
            var label = step.Counted ? step.Label : step.Label + " (not counted)";
            table.Add(label, step.App.Total + step.Engine.Total, step.App.Total, step.Engine.Total, step.Looks, engine.Work.Total, engine.Looks);
        }

        var counted = assist.Steps.Select((step, i) => (step, engine: bare.Steps[i])).Where(s => s.step.Counted).ToList();
        var app = Sum(counted.Select(s => s.step.App));
        var provider = Sum(counted.Select(s => s.step.Engine));
        var engineOnly = Sum(counted.Select(s => s.engine.Work));
        var extraLooks = counted.Sum(s => s.step.Looks - s.engine.Looks);
        var operations = new ResultTable("Counted steps, by operation", "Transactions");
        operations.Add("Assist: app tables and blobs", app.ToString());
        operations.Add("Assist: Durable provider", provider.ToString());
        operations.Add("Bare engine", engineOnly.ToString());

        Console.WriteLine();
        Console.Write(table);
        Console.WriteLine();
        Console.Write(operations);
        Console.WriteLine();
        Console.WriteLine($"Total per ticket: Assist {app.Total + provider.Total} (app {app.Total} + provider {provider.Total}) · bare engine {engineOnly.Total} · Assist / bare engine {Stats.Ratio((double)(app.Total + provider.Total) / engineOnly.Total)} (goal ≤ 1.5)");
        if (!assist.Steps.Any(s => s.Label.StartsWith("assign", StringComparison.Ordinal)))
        {
            Console.WriteLine("The seeded routing rules assign an officer in the route's own commit: there is no separate assign step.");
        }

        if (extraLooks > 0)
        {
            Console.WriteLine($"Assist looked {extraLooks} times more than the bare engine. The provider makes a timer's message visible up to a second");
            Console.WriteLine("early (queue visibility is in whole seconds); Assist's look then finds the reminder not yet due on the app clock and asks");
            Console.WriteLine("for the sub-second rest, whose timer is visible at once: it looks again and again until the due instant has passed.");
        }

        Console.WriteLine("Reminders fire by real durable timers. To bring each due, the bench sets the app clock to 10 s before it and wakes the");
        Console.WriteLine("orchestration (what POST /api/dev/clock does, for this one ticket); that wake-up and its look are shown but not counted, and the");
        Console.WriteLine("bare engine gets the same uncounted wake-up. In production the look before would have set that timer; it is counted there.");
        Console.WriteLine($"Idle polling is excluded on both sides (queue polls that found nothing, the partition table's lease upkeep): Assist's provider");
        Console.WriteLine($"made {assist.Idle.Total} such calls in {assist.Seconds:N0} s, the bare engine {bare.Idle.Total} in {bare.Seconds:N0} s. Engine settings: host.json with {string.Join(", ", settings.Select(s => $"{s.Key[(s.Key.LastIndexOf("__", StringComparison.Ordinal) + 2)..]}={s.Value}"))}.");
        Console.WriteLine();
        return 0;
    }

    private static async Task<(List<Step> Steps, StorageTransactionSnapshot Idle, double Seconds)> AssistAsync(string connectionString, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var meter = new EngineMeter();
        List<string> arguments =
        [
            "--urls", "http://127.0.0.1:0", "--environment", "Development",
            "--ASSIST_LOCAL_SETTINGS=/nonexistent/local.settings.json",
            $"--Storage:ConnectionString={connectionString}",
            $"--AzureWebJobsStorage={connectionString}",
            "--Scheduler:Enabled=false",
            $"--{AdjustableTimeProvider.StartKey}={Start:O}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Azure.Core=Error",
            // A development key ring kept unencrypted in storage is expected here.
            "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error",
            .. settings.Select(s => $"--{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}"),
        ];
        // The app as it runs, but with its engine's storage clients metered: a later registration of DurableEngine wins.
        await using var app = LocalHostApp.Build([.. arguments], builder => builder.Services.AddSingleton(sp => new DurableEngine(
            sp.GetRequiredService<DurableTaskSettings>(), StorageOptions.From(builder.Configuration), sp.GetRequiredService<ILoggerFactory>(), meter.Configure)));
        await app.StartAsync(cancellationToken);
        var services = app.Services;
        var tickets = services.GetRequiredService<TicketService>();
        var clock = services.GetRequiredService<AdjustableTimeProvider>();
        var monitor = services.GetRequiredService<LifecycleMonitor>();
        var lifecycle = services.GetRequiredService<DurableTicketLifecycle>();
        var metering = services.GetRequiredService<StorageAccountClients>().Metering;
        var steps = new List<Step>();
        // Whatever starting left in flight (seeding, leases, the task hub) is not the first step's.
        await QuietAsync(() => metering.Snapshot().Total + meter.Work.Snapshot().Total, cancellationToken);
        var idleBefore = meter.Idle.Snapshot();
        var started = Stopwatch.StartNew();

        async Task MeasureAsync(string label, StepKind kind, bool counted, Func<Task> act, Func<Task> done)
        {
            var (app0, engine0, looks0) = (metering.Snapshot(), meter.Work.Snapshot(), meter.Activities);
            await act();
            await done();
            await QuietAsync(() => metering.Snapshot().Total + meter.Work.Snapshot().Total, cancellationToken);
            steps.Add(new Step(label, kind, counted, metering.Snapshot().Since(app0), meter.Work.Snapshot().Since(engine0), meter.Activities - looks0));
        }

        var number = "";
        async Task LookedAsync()
        {
            if (!await monitor.WhenSettledAsync([number], Limit, cancellationToken))
            {
                throw new TimeoutException($"Ticket {number}'s orchestration did not look within {Limit.TotalSeconds} s.");
            }
        }

        // 受理: a topic without a routing rule stays with the HQ office for routing by hand.
        await MeasureAsync("submit (HQ office routes by hand)", StepKind.Start, true, async () =>
        {
            var submitted = await tickets.SubmitAsync(new SubmitRequest(TicketSeeder.Form(1, "OTHER"), Actor.Enterprise, "hash", null, null), cancellationToken);
            number = ((SubmitResult.Created)submitted).Ticket.Number;
        }, LookedAsync);

        async Task<TicketState> CommandAsync(string label, Func<TicketState, TicketCommand> command)
        {
            CommandResult? result = null;
            await MeasureAsync(label, StepKind.Wake, true, async () =>
            {
                // The command's wake-up is raised after it commits; the look it causes is awaited like a submission's.
                monitor.Expect(number, clock.GetUtcNow());
                result = await tickets.ExecuteAsync(number, command, null, cancellationToken);
            }, LookedAsync);
            return result is CommandResult.Accepted { NewEvents.Count: > 0 } accepted
                ? accepted.Ticket.State
                : throw new InvalidOperationException($"{label} was not accepted: {result}");
        }

        var state = await CommandAsync("route (HQ office)", _ => new RouteTicket(Actor.Staff("officer.hq-office.1"), "finance", ValueList.Empty<string>()));
        if (state.OfficerId is null)
        {
            state = await CommandAsync("assign (department head)", _ => new AssignOfficer(Actor.Staff("head.finance"), null));
        }

        var officer = Actor.Staff(state.OfficerId!);
        state = await CommandAsync("sign in (签收)", _ => new CheckIn(officer, "finance"));
        foreach (var (kind, label) in new[] { (TimerKind.BlueReminder, "reminder 1: blue (officer)"), (TimerKind.YellowCard, "reminder 2: yellow card (head)"), (TimerKind.RedCard, "escalation: red card (supervisors)") })
        {
            var due = TicketDecider.Timers(state).First(t => t.Kind == kind).DueAt;
            var fired = monitor.TimersFired;
            await MeasureAsync($"clock to {TimerLead.TotalSeconds:N0} s before the {kind} and wake-up", StepKind.Wake, false, async () =>
            {
                clock.SetUtcNow(due - TimerLead);
                monitor.Expect(number, clock.GetUtcNow());
                await lifecycle.ChangedAsync(number, 0, cancellationToken);
            }, LookedAsync);
            if (monitor.TimersFired != fired)
            {
                throw new InvalidOperationException($"The {kind} fired before the wake-up's work was metered: this machine needs a longer {nameof(TimerLead)}.");
            }

            await MeasureAsync(label + " — its timer fires, the look records it", StepKind.Timer, true, () => Task.CompletedTask,
                () => Poll.UntilAsync(() => monitor.TimersFired > fired, TimerLead + Limit, $"the {kind} timer", cancellationToken));
            if (monitor.TimersFired != fired + 1)
            {
                throw new InvalidOperationException($"The {kind} look fired {monitor.TimersFired - fired} timers, expected 1.");
            }
        }

        await CommandAsync("reply (答复)", _ => new Reply(officer, "贷款已发放", true));
        await CommandAsync("confirm (销号): the orchestration ends", _ => new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, "感谢"));
        var idle = meter.Idle.Snapshot().Since(idleBefore);
        var seconds = started.Elapsed.TotalSeconds;
        await app.StopAsync(cancellationToken);
        return (steps, idle, seconds);
    }

    /// <summary>The same steps on the bare engine: one instance, started, woken and left to its timers as Assist's was.</summary>
    private static async Task<(List<(StorageTransactionSnapshot Work, long Looks)> Steps, StorageTransactionSnapshot Idle, double Seconds)> BareAsync(
        string connectionString, Dictionary<string, string> settings, List<Step> script, CancellationToken cancellationToken)
    {
        const string Instance = "L0000001";
        var meter = new EngineMeter();
        var looks = 0;
        var answer = new Answer(TicketActivities.LongestWait, false);
        await using var engine = await BareEngine.StartAsync(
            connectionString,
            BareEngine.Settings(settings),
            instance =>
            {
                var step = BareEngine.Step(instance, answer.Wait, answer.Closed);
                Interlocked.Increment(ref looks);
                return step;
            },
            meter.Configure,
            cancellationToken);

        var steps = new List<(StorageTransactionSnapshot Work, long Looks)>();
        await QuietAsync(() => meter.Work.Snapshot().Total, cancellationToken);
        var idleBefore = meter.Idle.Snapshot();
        var started = Stopwatch.StartNew();
        for (var i = 0; i < script.Count; i++)
        {
            var step = script[i];
            // An uncounted wake-up is the clock jump before a reminder: its look sets the timer the next step fires.
            answer = new Answer(step.Counted ? TicketActivities.LongestWait : TimerLead, i == script.Count - 1);
            var (before, activities) = (meter.Work.Snapshot(), meter.Activities);
            var looked = looks;
            var trigger = step.Kind switch
            {
                StepKind.Start => engine.StartInstanceAsync(Instance, cancellationToken),
                StepKind.Wake => engine.WakeAsync(Instance, cancellationToken),
                _ => Task.CompletedTask,
            };
            await trigger;
            await Poll.UntilAsync(() => Volatile.Read(ref looks) > looked, TimerLead + Limit, $"the bare engine's look ({step.Label})", cancellationToken);
            await QuietAsync(() => meter.Work.Snapshot().Total, cancellationToken);
            steps.Add((meter.Work.Snapshot().Since(before), meter.Activities - activities));
        }

        return (steps, meter.Idle.Snapshot().Since(idleBefore), started.Elapsed.TotalSeconds);
    }

    /// <summary>Waits until <paramref name="total"/> has not moved for <see cref="Quiet"/>.</summary>
    private static async Task QuietAsync(Func<long> total, CancellationToken cancellationToken)
    {
        var last = total();
        var still = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        while (still.Elapsed < Quiet)
        {
            if (clock.Elapsed > Limit)
            {
                throw new TimeoutException($"Storage traffic did not settle within {Limit.TotalSeconds} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            if (total() is var now && now != last)
            {
                last = now;
                still.Restart();
            }
        }
    }

    private static StorageTransactionSnapshot Sum(IEnumerable<StorageTransactionSnapshot> snapshots) =>
        new(snapshots.SelectMany(s => s.Counts).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)));

    private enum StepKind
    {
        /// <summary>The orchestration is scheduled (a submission).</summary>
        Start,

        /// <summary>A wake-up is raised (a command, or the bench's clock jump).</summary>
        Wake,

        /// <summary>Nothing is done: the durable timer set by the look before fires.</summary>
        Timer,
    }

    /// <summary>One step of Assist's lifecycle and what it cost: the app's own clients, the Durable provider's work, the looks run.</summary>
    private sealed record Step(string Label, StepKind Kind, bool Counted, StorageTransactionSnapshot App, StorageTransactionSnapshot Engine, long Looks);

    /// <summary>What the bare engine's next look reports.</summary>
    private sealed record Answer(TimeSpan Wait, bool Closed);
}
