namespace Assist.Functions.Hosting;

/// <summary>
/// The development clock: real time plus an offset that only grows, kept in storage. Moving it forward lets a person
/// (or a test) watch a ticket go overdue in seconds. Durable timers still run on real time; after a jump the clock
/// endpoint wakes every ticket's orchestration, which looks at the ticket on this clock. <paramref name="start"/> (setting <c>DevClock:Start</c>) starts
/// the clock at another instant, e.g. before the Spring Festival to watch 调休 at work; from there it runs and only moves forward.
/// </summary>
public sealed class AdjustableTimeProvider(TimeProvider inner, DateTimeOffset? start = null) : TimeProvider
{
    public const string StartKey = "DevClock:Start";

    private readonly Lock _gate = new();
    private TimeSpan _offset = start is { } at ? at - inner.GetUtcNow() : TimeSpan.Zero;

    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _offset;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return inner.GetUtcNow() + _offset;
        }
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// Takes up an offset kept from an earlier run (<see cref="Assist.Storage.Workflow.ClockOffsetStore"/>): the clock
    /// resumes where it stood, never behind what it shows now.
    /// </summary>
    public void Restore(TimeSpan offset)
    {
        lock (_gate)
        {
            if (offset > _offset)
            {
                _offset = offset;
            }
        }
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>; the clock never goes back.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        lock (_gate)
        {
            _offset += by;
            return inner.GetUtcNow() + _offset;
        }
    }

    /// <summary>Sets the clock to <paramref name="now"/>, which must not be earlier than the current time.</summary>
    public DateTimeOffset SetUtcNow(DateTimeOffset now)
    {
        lock (_gate)
        {
            var current = inner.GetUtcNow() + _offset;
            if (now < current)
            {
                throw new ArgumentOutOfRangeException(nameof(now), now, $"The clock only moves forward; it is already {current:O}.");
            }

            _offset += now - current;
            return now;
        }
    }
}
