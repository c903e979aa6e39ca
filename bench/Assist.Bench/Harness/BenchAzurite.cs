using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Assist.Storage;
using Assist.Tests;

namespace Assist.Bench.Harness;

/// <summary>
/// A private Azurite on free loopback ports with a throw-away folder, like the tests' AzuriteInstance, but stopped
/// gracefully (SIGTERM, so Azurite saves its data) and restartable on the same ports: the fault run stops storage
/// mid-load and expects what it acknowledged before to be there afterwards.
/// </summary>
internal sealed class BenchAzurite : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;

    private readonly bool _inMemory;

    private BenchAzurite(string location, int[] ports, bool inMemory)
    {
        _inMemory = inMemory;
        Location = location;
        BlobPort = ports[0];
        QueuePort = ports[1];
        TablePort = ports[2];
    }

    public string Location { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString => StorageConnectionString.Development("127.0.0.1", BlobPort, QueuePort, TablePort).ToConnectionString();

    /// <summary>
    /// Starts Azurite; <paramref name="inMemory"/> keeps its data in memory only (<c>--inMemoryPersistence</c>), so a big
    /// seed is not slowed by Azurite re-saving its whole database file; the benchmarks use it, the fault runs (which
    /// restart storage and expect the data back) do not.
    /// </summary>
    public static async Task<BenchAzurite> StartAsync(CancellationToken cancellationToken, bool inMemory = false)
    {
        var location = Path.Combine(Path.GetTempPath(), "assist-bench-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var azurite = new BenchAzurite(location, FreePorts.Take(3), inMemory);
        await azurite.RestartAsync(cancellationToken);
        return azurite;
    }

    /// <summary>Starts Azurite (again) on the same ports and folder and waits until every port accepts connections.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     RepositoryPaths.Combine("node_modules", "azurite", "dist", "src", "azurite.js"), "--silent", "--disableTelemetry", "--skipApiVersionCheck",
                     _inMemory ? "--inMemoryPersistence" : "--location", _inMemory ? "--silent" : Location,
                     "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
                     "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
                     "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        ChildProcesses.Track(_process);
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsAsync(port, cancellationToken))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}.");
                }

                if (clock.Elapsed > StartTimeout)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {StartTimeout.TotalSeconds} s.");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>SIGTERM (Azurite closes its servers and saves), SIGKILL if it has not exited within 20 s.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        await ChildProcesses.TerminateAsync(_process, TimeSpan.FromSeconds(20));
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>Free loopback ports (asked of the OS, then released for the child to bind).</summary>
internal static class FreePorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
