using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Assist.Storage.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Workflow;

[Collection(UsesAzurite.Name)]
public sealed class WebhookTests(AzuriteFixture fixture)
{
    private const string Secret = "test-secret";

    [Fact]
    public async Task SweepAsync_Escalation_PostsSignedWebhookWithStableDeliveryId()
    {
        using var receiver = new LoopbackReceiver();
        using var harness = await WorkflowHarness.StartAsync(fixture, configure: o =>
        {
            o.WebhookUrl = receiver.Url;
            o.WebhookSecret = Secret;
        });
        var ticket = await harness.SubmitAsync(WorkflowHarness.Form(confidential: true));

        var sweep = await harness.AdvanceToAsync(ticket.State.Departments[0].SignInDue.At.AddMinutes(5));

        // The officer's assignment and the department's overdue sign-in.
        Assert.Equal(2, sweep.WebhooksDelivered);
        Assert.Equal(2, receiver.Requests.Count);
        var request = receiver.Requests.Single(r => r.Headers[WebhookDelivery.DeliveryHeader].EndsWith("-SignInOverdue", StringComparison.Ordinal));
        Assert.Equal(WebhookDelivery.Sign(Secret, request.Body), request.Headers[WebhookDelivery.SignatureHeader]);
        Assert.NotEqual(WebhookDelivery.Sign("other-secret", request.Body), request.Headers[WebhookDelivery.SignatureHeader]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(request.Headers[WebhookDelivery.DeliveryHeader], body.RootElement.GetProperty("deliveryId").GetString());
        Assert.Equal(ticket.Number, body.RootElement.GetProperty("ticketNumber").GetString());
        Assert.Equal("SignInOverdue", body.RootElement.GetProperty("kind").GetString());
        // Confidential: the enterprise is never in a webhook.
        Assert.All(receiver.Requests, r => Assert.DoesNotContain("深圳市示例科技有限公司", Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
        Assert.Equal(0, (await harness.AdvanceAsync(TimeSpan.FromMinutes(1))).WebhooksDelivered);
    }

    [Fact]
    public async Task SweepAsync_ReceiverFails_MessageWaitsForBackOffInsteadOfBeingLost()
    {
        using var receiver = new LoopbackReceiver { Status = HttpStatusCode.ServiceUnavailable };
        using var harness = await WorkflowHarness.StartAsync(fixture, configure: o => o.WebhookUrl = receiver.Url);
        var ticket = await harness.SubmitAsync();

        var sweep = await harness.AdvanceToAsync(ticket.State.Departments[0].SignInDue.At.AddMinutes(5));
        var again = await harness.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(0, sweep.WebhooksDelivered);
        Assert.Equal(0, again.WebhooksDelivered);
        // The assignment's and the overdue sign-in's deliveries, each tried once and waiting for its back-off.
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.False(r.Headers.ContainsKey(WebhookDelivery.SignatureHeader)));
        var queued = await harness.Storage.Clients.Queues.GetQueueClient(harness.Storage.Options.StorageNamePrefix + "outbox").GetPropertiesAsync();
        Assert.Equal(2, queued.Value.ApproximateMessagesCount);
    }

    /// <summary>A tiny HTTP/1.1 server on loopback that records each request and answers with <see cref="Status"/>.</summary>
    private sealed class LoopbackReceiver : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public LoopbackReceiver()
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook");
            _ = AcceptAsync();
        }

        public Uri Url { get; }

        public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

        public List<(Dictionary<string, string> Headers, byte[] Body)> Requests { get; } = [];

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

                using (client)
                {
                    await HandleAsync(client.GetStream());
                }
            }
        }

        private async Task HandleAsync(NetworkStream stream)
        {
            var buffer = new List<byte>();
            var chunk = new byte[4096];
            int headerEnd;
            while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
            {
                var read = await stream.ReadAsync(chunk);
                if (read == 0)
                {
                    return;
                }

                buffer.AddRange(chunk.AsSpan(0, read).ToArray());
            }

            var lines = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var length = int.Parse(headers.GetValueOrDefault("Content-Length", "0"), System.Globalization.CultureInfo.InvariantCulture);
            var body = buffer.Skip(headerEnd + 4).ToList();
            while (body.Count < length)
            {
                var read = await stream.ReadAsync(chunk);
                if (read == 0)
                {
                    break;
                }

                body.AddRange(chunk.AsSpan(0, read).ToArray());
            }

            lock (Requests)
            {
                Requests.Add((headers, [.. body]));
            }

            var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {(int)Status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(response);
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
}
