using System.Collections.Concurrent;

namespace Assist.Functions.Lifecycle;

/// <summary>
/// What this process knows about the orchestrations' work: submissions handed over and not yet looked at, the time
/// from a 201 to its orchestration being scheduled, and recent activity failures (shown by <c>/healthz</c>).
/// Tests and the development clock wait on it until the work they caused is done.
/// </summary>
public sealed class LifecycleMonitor(TimeProvider time)
{
    /// <summary>How long an activity failure keeps the health check degraded.</summary>
    public static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a handed-over look is remembered: with several instances a look may run on another one, which this
    /// process never hears of, so entries older than this are forgotten rather than kept for ever.
    /// </summary>
    public static readonly TimeSpan AwaitMemory = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, (DateTimeOffset AsOf, long Since)> _awaited = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TimeSpan> _scheduleDelays = new();
    private long _failures;
    private long _timersFired;
    private long _looks;
    private long _lastFailureTimestamp;
    private string? _lastFailure;

    /// <summary>Closed tickets remembered at most (then forgotten at once): enough for any wake-up still on its way.</summary>
    private const int MaxClosedRemembered = 100_000;

    /// <summary>
    /// Tickets whose orchestrations ended with a look that found them closed. A wake-up raised to one of them (the
    /// development clock wakes whatever was running when it listed them) finds the instance completed and is dropped:
    /// no look follows that could clear it, so nothing is awaited of a closed ticket.
    /// </summary>
    private readonly ConcurrentDictionary<string, byte> _closed = new(StringComparer.Ordinal);

    /// <summary>Tickets whose orchestrations are to look at them (after <paramref name="asOf"/>, app clock).</summary>
    public void Expect(string ticket, DateTimeOffset asOf)
    {
        var now = time.GetTimestamp();
        _awaited.AddOrUpdate(ticket, (asOf, now), (_, earlier) => earlier.AsOf > asOf ? earlier : (asOf, now));
        // Checked after the add: a closing look that ran meanwhile may have removed the ticket just before it.
        if (_closed.ContainsKey(ticket))
        {
            _awaited.TryRemove(ticket, out _);
        }

        if (_awaited.Count > 10_000)
        {
            foreach (var (key, value) in _awaited)
            {
                if (time.GetElapsedTime(value.Since) > AwaitMemory)
                {
                    _awaited.TryRemove(new KeyValuePair<string, (DateTimeOffset, long)>(key, value));
                }
            }
        }
    }

    public void Advanced(TicketStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Interlocked.Increment(ref _looks);
        Interlocked.Add(ref _timersFired, step.TimersFired);
        if (step.Closed)
        {
            // Remembered before the removal, so an Expect racing it removes what it adds (see Expect).
            if (_closed.Count >= MaxClosedRemembered)
            {
                _closed.Clear();
            }

            _closed[step.Ticket] = 0;
            _awaited.TryRemove(step.Ticket, out _);
        }
        else if (_awaited.TryGetValue(step.Ticket, out var awaited) && step.AsOf >= awaited.AsOf)
        {
            _awaited.TryRemove(new KeyValuePair<string, (DateTimeOffset, long)>(step.Ticket, awaited));
        }
    }

    public void Failed(string ticket, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Interlocked.Increment(ref _failures);
        Interlocked.Exchange(ref _lastFailureTimestamp, time.GetTimestamp());
        _lastFailure = $"{ticket}: {exception.GetType().Name}";
    }

    public void Scheduled(TimeSpan sinceCommit)
    {
        _scheduleDelays.Enqueue(sinceCommit);
        while (_scheduleDelays.Count > 100_000 && _scheduleDelays.TryDequeue(out _))
        {
        }
    }

    /// <summary>Submissions and wake-ups this process handed over whose looks it has not seen yet (see <see cref="AwaitMemory"/>).</summary>
    public int Awaited => _awaited.Count;

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Looks (activity runs that succeeded) this process ran.</summary>
    public long Looks => Interlocked.Read(ref _looks);

    /// <summary>Timers fired by the looks this process ran.</summary>
    public long TimersFired => Interlocked.Read(ref _timersFired);

    /// <summary>The last activity failure, if it is recent (<see cref="FailureMemory"/>).</summary>
    public string? RecentFailure =>
        _lastFailure is { } failure && time.GetElapsedTime(Interlocked.Read(ref _lastFailureTimestamp)) < FailureMemory ? failure : null;

    /// <summary>Times from a submission's commit to its orchestration being scheduled, as recorded so far.</summary>
    public IReadOnlyList<TimeSpan> ScheduleDelays => [.. _scheduleDelays];

    /// <summary>Waits until every awaited look has happened (or <paramref name="timeout"/> passes); true if all did.</summary>
    public async Task<bool> WhenSettledAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (!_awaited.IsEmpty)
        {
            if (time.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }

        return true;
    }

    /// <summary>Waits until the looks of <paramref name="tickets"/> have happened.</summary>
    public async Task<bool> WhenSettledAsync(IReadOnlyCollection<string> tickets, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (tickets.Any(_awaited.ContainsKey))
        {
            if (time.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }

        return true;
    }
}
