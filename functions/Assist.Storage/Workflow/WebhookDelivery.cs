using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Workflow;

/// <summary>
/// The optional signed webhook. Notifications are queued in <c>outbox</c> and posted by the sweep: the body is
/// signed with HMAC-SHA256 (<c>X-Assist-Signature: sha256=&lt;hex&gt;</c>) and carries a delivery id
/// (<c>X-Assist-Delivery</c>, also in the body) that stays the same across retries and re-dispatches, so the
/// receiver de-duplicates. A failed post is retried with exponential back-off through the message's visibility
/// timeout, up to <see cref="MaxAttempts"/> times. No enterprise data is sent (confidential tickets stay hidden).
/// </summary>
public sealed class WebhookDelivery
{
    public const string SignatureHeader = "X-Assist-Signature";
    public const string DeliveryHeader = "X-Assist-Delivery";
    public const int MaxAttempts = 8;

    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(1);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private readonly WorkflowStorage _storage;
    private readonly HttpClient _http;
    private readonly ILogger _logger;

    public WebhookDelivery(WorkflowStorage storage, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(http);
        _storage = storage;
        _http = http;
        _logger = storage.Loggers.CreateLogger<WebhookDelivery>();
    }

    /// <summary>The signature header value for <paramref name="body"/>: receivers recompute it with the shared secret.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    internal async Task EnqueueAsync(string ticketNumber, int version, string kind, IReadOnlyList<string> recipients, DateTimeOffset notifyAt, string title, string titleZh, CancellationToken cancellationToken)
    {
        if (_storage.Options.WebhookUrl is null)
        {
            return;
        }

        var deliveryId = string.Create(CultureInfo.InvariantCulture, $"{ticketNumber}-{version}-{kind}");
        var body = JsonSerializer.Serialize(
            new WebhookBody(deliveryId, ticketNumber, version, kind, title, titleZh, recipients, notifyAt, _storage.Time.GetUtcNow()),
            StorageJson.Options);
        await _storage.Outbox.SendMessageAsync(JsonSerializer.Serialize(new WebhookMessage(deliveryId, body), StorageJson.Options), cancellationToken: cancellationToken);
    }

    /// <summary>Posts every queued delivery that is visible now; returns how many the receiver accepted.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (_storage.Options.WebhookUrl is not { } url)
        {
            return 0;
        }

        var delivered = 0;
        for (var round = 0; round < 10; round++)
        {
            QueueMessage[] messages = await _storage.Outbox.ReceiveMessagesAsync(32, Lease, cancellationToken);
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                var payload = JsonSerializer.Deserialize<WebhookMessage>(message.Body.ToString(), StorageJson.Options);
                if (payload is not null && await PostAsync(url, payload, cancellationToken))
                {
                    delivered++;
                    await DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                else if (payload is null || message.DequeueCount >= MaxAttempts)
                {
                    _logger.LogError("Webhook delivery {DeliveryId} given up after {Attempts} attempts", payload?.DeliveryId, message.DequeueCount);
                    await DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                else
                {
                    var backOff = TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, FirstBackOff.Ticks << (int)Math.Min(message.DequeueCount - 1, 16)));
                    await _storage.Outbox.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: backOff, cancellationToken: cancellationToken);
                }
            }
        }

        return delivered;
    }

    private async Task<bool> PostAsync(Uri url, WebhookMessage payload, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(payload.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(DeliveryHeader, payload.DeliveryId);
        if (!string.IsNullOrEmpty(_storage.Options.WebhookSecret))
        {
            request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(_storage.Options.WebhookSecret, body));
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            _logger.LogWarning("Webhook delivery {DeliveryId} refused with {StatusCode}; retried later", payload.DeliveryId, (int)response.StatusCode);
        }
        catch (HttpRequestException exception)
        {
            _logger.LogWarning(exception, "Webhook delivery {DeliveryId} failed; retried later", payload.DeliveryId);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(exception, "Webhook delivery {DeliveryId} timed out; retried later", payload.DeliveryId);
        }

        return false;
    }

    private async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await _storage.Outbox.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 400)
        {
            // The lease ran out and another sweeper took the message: it will post it again under the same delivery id.
        }
    }

    private sealed record WebhookMessage(string DeliveryId, string Body);

    private sealed record WebhookBody(
        string DeliveryId,
        string TicketNumber,
        int TicketVersion,
        string Kind,
        string Title,
        string TitleZh,
        IReadOnlyList<string> Recipients,
        DateTimeOffset NotifyAt,
        DateTimeOffset SentAt);
}
