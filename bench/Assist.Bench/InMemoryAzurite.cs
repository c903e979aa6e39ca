using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Assist.Storage;

namespace Assist.Bench;

/// <summary>
/// Azurite for large seeds: <c>--inMemoryPersistence</c> and a larger node heap. The tests' launcher persists to
/// disk, and serialising ~750,000 ledger rows into Azurite's on-disk database crashed node here.
/// </summary>
internal sealed class InMemoryAzurite : IAsyncDisposable
{
    private readonly Process _process;

    private readonly int[] _ports;

    private InMemoryAzurite(Process process, int[] ports)
    {
        _process = process;
        _ports = ports;
    }

    public string ConnectionString => StorageConnectionString.Development("127.0.0.1", _ports[0], _ports[1], _ports[2]).ToConnectionString();

    public static async Task<InMemoryAzurite> StartAsync()
    {
        var script = FindScript();
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Dispose());
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--max-old-space-size=12288", script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--inMemoryPersistence",
                     "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) { Console.Error.WriteLine("azurite: " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (true)
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(50);
                }
            }
        }

        return new InMemoryAzurite(process, ports);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static string FindScript()
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
