using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Assist.Tests;

/// <summary>
/// A real Azurite, started for a test run or a benchmark on free loopback ports with a throw-away data folder, so two
/// runs never collide. Stopped by PID (see <see cref="AzuriteOptions"/> for in-memory data, a larger heap and a
/// graceful stop); restartable on the same ports and folder; its folder is deleted afterwards.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly AzuriteOptions _options;
    private Process? _process;

    private AzuriteInstance(AzuriteOptions options, string location, int blobPort, int queuePort, int tablePort)
    {
        _options = options;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public string Location { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The well-known Azurite development account and key (published in Azurite's documentation; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>A connection string with explicit endpoints on this instance's ports, as the storage SDKs parse it.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public bool IsRunning => _process is { HasExited: false };

    public static Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default) => StartAsync(AzuriteOptions.Default, cancellationToken);

    public static async Task<AzuriteInstance> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var location = Path.Combine(Path.GetTempPath(), "assist-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var ports = FreePorts(3);
        var instance = new AzuriteInstance(options, location, ports[0], ports[1], ports[2]);
        await instance.StartProcessAsync(cancellationToken);
        return instance;
    }

    /// <summary>Stops Azurite (keeping its data unless in memory) so a test can see storage go away.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            if (_options.GracefulStop is { } grace)
            {
                await TerminateAsync(_process, grace);
            }
            else
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts Azurite again on the same ports and data folder.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run uses a new one.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var script = FindAzuriteScript();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_options.NodeHeapMegabytes is { } heap)
        {
            start.ArgumentList.Add("--max-old-space-size=" + heap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // --skipApiVersionCheck: Azure.Storage.Blobs 12.30 / Queues 12.28 send x-ms-version 2026-10-06, which Azurite 3.37
        // does not know yet; the clients keep the SDK's version (what Azure is called with) and the emulator accepts it.
        foreach (var argument in new[]
                 {
                     script, "--silent", "--disableTelemetry", "--skipApiVersionCheck",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (_options.InMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(Location);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _options.Started?.Invoke(_process);
        var errors = _options.Errors;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (errors is not null && e.Data is { Length: > 0 } line)
            {
                errors(line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AcceptsAsync(port, cancellationToken))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}.");
                }

                if (deadline.Elapsed > StartTimeout)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {StartTimeout.TotalSeconds} s.");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }

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

    /// <summary>SIGTERM (via kill(1): .NET sends only SIGKILL), then SIGKILL when node has not exited within <paramref name="grace"/>.</summary>
    private static async Task TerminateAsync(Process process, TimeSpan grace)
    {
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (term is not null)
            {
                await term.WaitForExitAsync();
            }
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>Azurite comes from the repository's node_modules (pinned in package-lock.json, installed by npm ci).</summary>
    private static string FindAzuriteScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Azurite is not installed: run the README's test command (it runs npm ci).");
    }
}
