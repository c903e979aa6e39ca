using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Assist.Bench.Harness;

/// <summary>
/// Every process the bench starts, so none outlives it: Ctrl-C cancels the run (the owners stop their children
/// as they unwind) and, as a last resort, exit kills whatever is still registered, by its own id.
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> _running = new();

    static ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    /// <summary>Cancelled on Ctrl-C; every loop of the bench watches it.</summary>
    public static CancellationTokenSource Cancellation { get; } = CreateCancellation();

    public static void Track(Process process) => _running[process.Id] = process;

    /// <summary>SIGTERM, then SIGKILL when the process has not exited within <paramref name="grace"/>.</summary>
    public static async Task TerminateAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (!process.HasExited)
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                if (term is not null)
                {
                    await term.WaitForExitAsync();
                }

                using var timeout = new CancellationTokenSource(grace);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        Forget(process);
    }

    /// <summary>SIGKILL (what the fault run does to the app) and wait for the exit.</summary>
    public static async Task KillAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Forget(process);
    }

    private static void Forget(Process process)
    {
        foreach (var entry in _running.Where(e => ReferenceEquals(e.Value, process)).ToList())
        {
            _running.TryRemove(entry.Key, out _);
        }
    }

    private static CancellationTokenSource CreateCancellation()
    {
        var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            Console.Error.WriteLine("Cancelling: stopping the processes this run started…");
            cancellation.Cancel();
        };
        return cancellation;
    }

    private static void KillAll()
    {
        foreach (var process in _running.Values)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Gone.
            }
        }
    }
}
