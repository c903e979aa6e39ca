using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Assist.Tests;

/// <summary>
/// A real HTTP/1.1 receiver on a loopback port for webhook tests: records every request and answers each with the next
/// of <see cref="Answer"/>s queued (200 when none is), which may be a status or a hang (no answer until disposed).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    /// <summary>An answer that never comes: the connection stays open, silent, until the receiver is disposed.</summary>
    public const int Hang = -1;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<int> _answers = new();
    private readonly List<ReceivedWebhook> _requests = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WebhookReceiver()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedWebhook> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Queues the answers to the next requests, in order (a status code, or <see cref="Hang"/>).</summary>
    public void Answer(params int[] answers)
    {
        lock (_answers)
        {
            foreach (var answer in answers)
            {
                _answers.Enqueue(answer);
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="match"/> have arrived; fails after <paramref name="within"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count = 1, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            Task arrived;
            lock (_requests)
            {
                var found = _requests.Where(match).ToList();
                if (found.Count >= count)
                {
                    return found;
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited for {count} matching webhook requests; {Requests.Count(match)} of {Requests.Count} matched.");
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await HandleAsync(client.GetStream());
                    }
                    catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
                    {
                        // The sender gave up (its timeout) or the receiver is shutting down.
                    }
                }
            });
        }
    }

    private async Task HandleAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return;
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var lines = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = int.Parse(headers.GetValueOrDefault("Content-Length", "0"), CultureInfo.InvariantCulture);
        var body = buffer.Skip(headerEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                break;
            }

            body.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        int answer;
        lock (_answers)
        {
            answer = _answers.Count > 0 ? _answers.Dequeue() : 200;
        }

        lock (_requests)
        {
            _requests.Add(new ReceivedWebhook(headers, [.. body], answer));
            _arrived.TrySetResult();
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (answer == Hang)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
            return;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {answer} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            if (!needle.Where((b, j) => haystack[i + j] != b).Any())
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>One request the receiver got, and what it answered (<see cref="WebhookReceiver.Hang"/>: nothing).</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, byte[] Body, int Answered)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The check the README's example receiver makes: the timestamp within five minutes of now, and
    /// <c>X-Assist-Signature</c> equal to <c>v1=</c> + hex HMAC-SHA256(secret, timestamp + "." + body), compared in
    /// constant time.
    /// </summary>
    public bool IsSignedWith(string secret, DateTimeOffset now)
    {
        if (Header("X-Assist-Timestamp") is not { } timestampText || Header("X-Assist-Signature") is not { } signature
            || !long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > 300)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes(timestampText + ".").Concat(Body).ToArray();
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
