using System.Collections.Concurrent;

namespace Assist.Functions.Triggers;

/// <summary>The last run of each timer function in this process, for <c>/healthz</c> and operators.</summary>
public sealed class TimerRunLog
{
    private readonly ConcurrentDictionary<string, TimerRun> _runs = new(StringComparer.Ordinal);

    public void Record(TimerRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs[run.FunctionName] = run;
    }

    public IReadOnlyDictionary<string, TimerRun> Snapshot() => new Dictionary<string, TimerRun>(_runs, StringComparer.Ordinal);
}

/// <summary>One completed (or failed) timer run.</summary>
public sealed record TimerRun(string FunctionName, DateTimeOffset FiredAt, DateTimeOffset CompletedAt, bool Succeeded, string? Error);
