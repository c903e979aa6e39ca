using Assist.Bench.Harness;
using Assist.Domain.Tickets;
using Azure.Data.Tables;

namespace Assist.Bench.Fault;

/// <summary>
/// Checks storage after a fault run, reading it directly (not through the app that was killed or cut off):
/// <list type="bullet">
/// <item>every acknowledged ticket exists with at least the acknowledged version (no lost ticket or event);</item>
/// <item>every stored ticket's ledger has versions 1..n without a gap and a valid hash chain;</item>
/// <item>no timer's effect happened twice: a rung per department and reference, the overdue 提级 to HQ, the close;</item>
/// <item>every due timer fired: no ticket still holds a timer due by the final clock (TicketDecider.Timers);</item>
/// <item>every stored ticket has its orchestration, which has looked at it since the final clock (or completed with it),
/// none failed, and no submission is still marked as not scheduled;</item>
/// <item>no inbox holds the same notification twice.</item>
/// </list>
/// </summary>
internal static class Verifier
{
    public static async Task<LifecycleSnapshot> VerifyAsync(FaultReport report, string connectionString, IReadOnlyDictionary<string, int> acknowledged, DateTimeOffset finalClock, string label, CancellationToken cancellationToken)
    {
        using var engine = new Engine(connectionString, TimeProvider.System);
        var snapshot = await new Orchestrations(connectionString).ReadAsync(engine, cancellationToken);
        foreach (var (number, version) in acknowledged)
        {
            if (!snapshot.Tickets.ContainsKey(number))
            {
                report.Fail("lost tickets", $"{label}: {number} was acknowledged (version {version}) but is not in storage");
            }
        }

        int timerEffects = 0, looked = 0, completed = 0;
        await Parallel.ForEachAsync(snapshot.Tickets.Values, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (ticket, token) =>
        {
            var number = ticket.Number;
            var ledger = await engine.Service.GetLedgerAsync(number, token);
            var head = await engine.Service.GetAsync(number, token);
            if (ledger is null || head is null)
            {
                report.Fail("lost tickets", $"{label}: {number} has a head but no ledger");
                return;
            }

            var versions = ledger.Entries.Select(e => e.Version).ToList();
            if (!ledger.Verification.IsValid || !versions.SequenceEqual(Enumerable.Range(1, versions.Count)) || head.Version != versions.Count)
            {
                report.Fail("ledger gaps or broken chains", $"{label}: {number} versions [{string.Join(',', versions)}], head {head.Version}, chain {ledger.Verification.Problem}");
            }

            if (acknowledged.TryGetValue(number, out var acknowledgedVersion) && head.Version < acknowledgedVersion)
            {
                report.Fail("lost events", $"{label}: {number} acknowledged at version {acknowledgedVersion}, stored {head.Version}");
            }

            // A timer's effect, keyed so that a second one is a duplicate whichever process or retry produced it.
            var effects = ledger.Entries.Select(e => e.Event).SelectMany(e => e switch
            {
                EscalationRaised raised => [$"{raised.Rung} {raised.DepartmentId} {raised.ReferenceId}"],
                TicketEscalatedToHq { Trigger: EscalationTrigger.Overdue } => ["提级 (overdue)"],
                TicketClosed closed => [$"closed {closed.Kind}"],
                _ => Array.Empty<string>(),
            });
            foreach (var group in effects.GroupBy(e => e, StringComparer.Ordinal))
            {
                Interlocked.Increment(ref timerEffects);
                if (group.Count() > 1)
                {
                    report.Fail("duplicated timer effects", $"{label}: {number} {group.Key} {group.Count()} times");
                }
            }

            foreach (var missed in LifecycleSnapshot.HeldDue(ticket, finalClock))
            {
                report.Fail("missed due timers", $"{label}: {number} {missed.Kind} {missed.Key} due {missed.DueAt:O} still held at {finalClock:O}");
            }

            var instance = snapshot.Instances.GetValueOrDefault(number);
            if (instance is null || instance.RuntimeStatus is "Failed" or "Terminated" or "Canceled")
            {
                report.Fail("missing orchestrations", $"{label}: {number} ({ticket.State.Status}) has {(instance is null ? "no orchestration" : "a " + instance.RuntimeStatus + " orchestration")}");
            }
            else if (!snapshot.IsSettled(ticket, finalClock))
            {
                report.Fail("orchestrations not settled", $"{label}: {number} ({ticket.State.Status}) orchestration {instance.RuntimeStatus}, last look at {instance.LookedAt:O} (version {instance.Version}), final clock {finalClock:O}");
            }
            else if (instance.RuntimeStatus == "Completed")
            {
                Interlocked.Increment(ref completed);
            }
            else
            {
                Interlocked.Increment(ref looked);
            }
        });

        foreach (var marker in snapshot.PendingMarkers)
        {
            report.Fail("unscheduled submissions", $"{label}: {marker} is still marked as not scheduled");
        }

        var seen = new HashSet<(string, string, string, int)>();
        var rungs = new HashSet<(string, string, string)>();
        var notifications = 0;
        var rungNames = Enum.GetNames<EscalationRung>().ToHashSet(StringComparer.Ordinal);
        await foreach (var row in engine.Storage.ReadModels.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {"inbox|"} and PartitionKey lt {"inbox}"}"), cancellationToken: cancellationToken))
        {
            notifications++;
            var ticket = row.GetString("TicketNumber") ?? "";
            var kind = row.GetString("Kind") ?? "";
            if (!seen.Add((row.PartitionKey, ticket, kind, row.GetInt32("TicketVersion") ?? 0))
                || (rungNames.Contains(kind) && !rungs.Add((row.PartitionKey, ticket, kind))))
            {
                report.Fail("duplicated notifications", $"{label}: {row.PartitionKey} has {kind} of {ticket} twice");
            }
        }

        Console.WriteLine($"  verified {snapshot.Tickets.Count:N0} stored tickets ({acknowledged.Count:N0} acknowledged), {timerEffects:N0} once-only effects (rungs, 提级, closes), {notifications:N0} notifications; " +
                          $"orchestrations: {looked:N0} looked at since {finalClock:yyyy-MM-dd HH:mm}, {completed:N0} completed with their closed tickets");
        return snapshot;
    }
}
