using System.Diagnostics;
using System.Globalization;
using Assist.Tests;

namespace Assist.Bench.Harness;

/// <summary>
/// The app as a separate Release process on loopback (<c>dotnet Assist.LocalHost.dll --urls …</c>, the local host running the function app), configured by
/// environment variables as in Azure, with its console output kept in a log file. Started, waited for
/// (<c>/healthz</c> answers 200), stopped gracefully or killed with SIGKILL, restarted on the same port.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _name;
    private readonly Dictionary<string, string> _settings;
    private readonly string _logPath;
    private Process? _process;
    private StreamWriter? _log;

    private readonly string _dllPath;

    /// <param name="dllPath">Another build of the app (a baseline to compare with); this repository's Release build by default.</param>
    public AppProcess(string name, string connectionString, IReadOnlyDictionary<string, string>? settings = null, int? port = null, string? dllPath = null)
    {
        _name = name;
        _dllPath = dllPath ?? DllPath;
        Port = port ?? FreePorts.Take(1)[0];
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        _settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASSIST_LOCAL_SETTINGS"] = "/nonexistent/local.settings.json",
            ["Storage__ConnectionString"] = connectionString,
            ["AzureWebJobsStorage"] = connectionString,
            // A load run comes from one address: lift the per-IP limits far above what it can send.
            ["RateLimits__Submit"] = "100000000",
            ["RateLimits__Public"] = "100000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            // The storage SDK's request log: expected refusals (409 on exactly-once rows) are Warnings there.
            ["Logging__LogLevel__Azure.Core"] = "Error",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }

        _logPath = Path.Combine(Path.GetTempPath(), $"assist-bench-{name}-{Port}.log");
    }

    public static string DllPath => RepositoryPaths.Combine("functions", "Assist.LocalHost", "bin", "Release", "net10.0", "Assist.LocalHost.dll");

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int? Pid => _process?.Id;

    public string LogPath => _logPath;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Sets (or replaces) a setting for the next start, e.g. <c>DevClock__Start</c> after a kill.</summary>
    public void Set(string key, string value) => _settings[key] = value;

    public async Task StartAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (!File.Exists(_dllPath))
        {
            throw new FileNotFoundException("Build the app in Release first (scripts/bench does): " + _dllPath);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_dllPath)!,
        };
        start.ArgumentList.Add(_dllPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _log ??= new StreamWriter(_logPath, append: true) { AutoFlush = true };
        await _log.WriteLineAsync($"---- start {_name} at {DateTimeOffset.Now:O}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        ChildProcesses.Track(process);
        var log = _log;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} before it was healthy; see {_logPath}.");
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The app was not healthy within {StartTimeout.TotalSeconds} s; see {_logPath}.");
            }

            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync(new Uri(BaseAddress, "healthz"), probe.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow start.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Peak resident set size (VmHWM) of the running process, in bytes; null when not on Linux or not running.</summary>
    public long? PeakRssBytes()
    {
        try
        {
            if (_process is not { HasExited: false })
            {
                return null;
            }

            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? null : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush — what a crashed instance looks like.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            await ChildProcesses.KillAsync(process);
            process.Dispose();
            _process = null;
        }
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await ChildProcesses.TerminateAsync(process, TimeSpan.FromSeconds(15));
            process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The run is over.
            }
        }
    }
}
