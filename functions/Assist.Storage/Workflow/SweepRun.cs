using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>The shared state of one sweep whose tickets are worked on in parallel: its instant, budget, tallies and blocked tickets.</summary>
internal sealed class SweepRun(DateTimeOffset now, long startedTimestamp, TimeSpan budget)
{
    private readonly ConcurrentDictionary<string, byte> _blocked = new(StringComparer.Ordinal);
    private int _ignored;
    private int _recovered;

    /// <summary>The sweep's "now" on the engine's clock: rows due after it wait.</summary>
    public DateTimeOffset Now => now;

    /// <summary>Real time, not the engine's clock: the budget guards against the host's function timeout.</summary>
    public bool OverBudget => Stopwatch.GetElapsedTime(startedTimestamp) > budget;

    public int Ignored => Volatile.Read(ref _ignored);

    public int Recovered => Volatile.Read(ref _recovered);

    public void CountIgnored() => Interlocked.Increment(ref _ignored);

    public void CountRecovered() => Interlocked.Increment(ref _recovered);

    /// <summary>The ticket (or lone row) a housekeeping-index row belongs to: its rows are handled in order, never in parallel.</summary>
    public static string OwnerOf(TableEntity row) => row.GetString("Ticket") ?? row.RowKey;

    /// <summary>Leaves the rest of this row's ticket for the next sweep, so its later timers cannot overtake this one.</summary>
    public void Block(TableEntity row) => _blocked.TryAdd(OwnerOf(row), 0);

    public bool IsBlocked(TableEntity row) => _blocked.ContainsKey(OwnerOf(row));
}
