using System.Diagnostics;

namespace Assist.Bench.Harness;

/// <summary>Waiting on in-memory counters (the bare engine's looks, the app's monitor), which cost nothing to read.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static async Task UntilAsync(Func<bool> done, TimeSpan limit, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:N0} s for {what}.");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
