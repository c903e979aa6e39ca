using Assist.Bench.Harness;
using Assist.Domain.Tickets;
using Azure.Data.Tables;

namespace Assist.Bench.Fault;

/// <summary>
/// Checks storage after a fault run, reading it directly with the engine (not through the app that was killed):
/// every acknowledged ticket exists with at least the acknowledged version; its ledger has versions 1..n without a gap
/// and a valid hash chain; no timer's effect (EscalationRaised per rung and department) happened twice; no timer due
/// before the final clock is still pending; no inbox holds the same notification twice.
/// </summary>
internal static class Verifier
{
    /// <summary>The margin a sweep may be behind "now" (one interval) before a pending timer counts as missed.</summary>
    private static readonly TimeSpan SweepSlack = TimeSpan.FromMinutes(3);

    public static async Task VerifyAsync(FaultReport report, string connectionString, IReadOnlyDictionary<string, int> acknowledged, DateTimeOffset finalClock, string label, CancellationToken cancellationToken)
    {
        using var engine = new Engine(connectionString, TimeProvider.System);
        int checkedTickets = 0, timerEffects = 0;
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (entry, token) =>
        {
            var (number, version) = entry;
            var ledger = await engine.Service.GetLedgerAsync(number, token);
            var head = await engine.Service.GetAsync(number, token);
            if (ledger is null || head is null)
            {
                report.Fail("lost tickets", $"{label}: {number} was acknowledged (version {version}) but is not in storage");
                return;
            }

            Interlocked.Increment(ref checkedTickets);
            var versions = ledger.Entries.Select(e => e.Version).ToList();
            if (!ledger.Verification.IsValid || !versions.SequenceEqual(Enumerable.Range(1, versions.Count)) || head.Version != versions.Count)
            {
                report.Fail("ledger gaps or broken chains", $"{label}: {number} versions [{string.Join(',', versions)}], head {head.Version}, chain {ledger.Verification.Problem}");
            }

            if (head.Version < version)
            {
                report.Fail("lost events", $"{label}: {number} acknowledged at version {version}, stored {head.Version}");
            }

            foreach (var group in ledger.Entries.Select(e => e.Event).OfType<EscalationRaised>().GroupBy(e => (e.Rung, e.DepartmentId, e.ReferenceId)))
            {
                Interlocked.Increment(ref timerEffects);
                if (group.Count() > 1)
                {
                    report.Fail("duplicated timer effects", $"{label}: {number} {group.Key.Rung} {group.Key.DepartmentId} raised {group.Count()} times");
                }
            }

            foreach (var pending in TicketDecider.Timers(head.State).Where(t => t.DueAt < finalClock - SweepSlack))
            {
                report.Fail("missed due timers", $"{label}: {number} {pending.Kind} due {pending.DueAt:O} still pending at {finalClock:O}");
            }
        });

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

        Console.WriteLine($"  verified {checkedTickets:N0} acknowledged tickets, {timerEffects:N0} timer effects, {notifications:N0} notifications");
    }
}
