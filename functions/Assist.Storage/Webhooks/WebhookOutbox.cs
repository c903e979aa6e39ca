using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Assist.Storage.Workflow;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Webhooks;

/// <summary>
/// Where a ticket's projection leaves its notifications for the webhooks, so posting never holds a ticket up: one
/// queue message per notification (in <c>outbox</c>), nothing else. Turning a message into deliveries (a log row and a
/// Durable orchestration per receiver that wants it) happens off the ticket's path: at once by this process's
/// <see cref="PumpAsync"/>, or, if the process died first, by the sweep (<see cref="DrainAsync"/>) once the message's
/// hand-over lease runs out. Either may take a message up twice: the log row and the orchestration's instance id are
/// the delivery's own, so a receiver still hears of it once (and twice at most, if a post succeeded and its record did not).
/// </summary>
public sealed class WebhookOutbox
{
    /// <summary>How long the sweep holds a message it is fanning out.</summary>
    private static readonly TimeSpan SweepLease = TimeSpan.FromSeconds(60);

    /// <summary>A message that could not be fanned out this many times is dropped (and logged): its receivers' log shows nothing of it.</summary>
    private const int MaxDequeues = 20;

    private readonly WorkflowStorage _storage;
    private readonly WebhookStore _store;
    private readonly IWebhookScheduler? _scheduler;
    private readonly TimeSpan _handOverLease;
    private readonly ILogger _logger;
    private readonly Channel<Handover> _handovers = Channel.CreateUnbounded<Handover>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Without a <paramref name="scheduler"/> (a process that runs no Durable engine) nothing is queued: nobody would
    /// deliver it. A message stays hidden for <paramref name="handOverLease"/> (<see cref="WebhookOptions.HandOverLease"/>)
    /// for this process's pump; then the sweep may take it.
    /// </summary>
    public WebhookOutbox(WorkflowStorage storage, WebhookStore store, IWebhookScheduler? scheduler, TimeSpan? handOverLease = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(store);
        _storage = storage;
        _store = store;
        _scheduler = scheduler;
        _handOverLease = handOverLease ?? new WebhookOptions().HandOverLease;
        _logger = storage.Loggers.CreateLogger<WebhookOutbox>();
    }

    /// <summary>
    /// Queues a ticket's notification if any active receiver wants its kind. The delivery id
    /// (<c>ticket-version-kind</c>) is the same however often the ticket is projected.
    /// </summary>
    internal async Task EnqueueAsync(string ticketNumber, int version, string kind, IReadOnlyList<string> recipients, DateTimeOffset occurredAt, DateTimeOffset notifyAt, CancellationToken cancellationToken)
    {
        if (_scheduler is null || !await _store.AnyWantsAsync(kind, cancellationToken))
        {
            return;
        }

        var (title, titleZh) = NotificationKinds.Titles(kind);
        var deliveryId = string.Create(CultureInfo.InvariantCulture, $"{ticketNumber}-{version}-{kind}");
        await EnqueueAsync(new WebhookEvent(deliveryId, kind, ticketNumber, version, title, titleZh, recipients, occurredAt, notifyAt, _storage.Time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Sends a test delivery to one receiver (whatever kinds it wants, on or off); returns its delivery id.</summary>
    public async Task<string?> SendTestAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        if (_scheduler is null || await _store.GetAsync(subscriptionId, cancellationToken) is null)
        {
            return null;
        }

        var now = _storage.Time.GetUtcNow();
        var delivery = new WebhookEvent(
            "test-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)),
            WebhookEvent.TestKind,
            TicketNumber: null,
            TicketVersion: 0,
            "Test delivery from Assist",
            "Assist 测试推送",
            [],
            now,
            now,
            now);
        var key = await _store.LogAsync(subscriptionId, delivery, cancellationToken);
        await _scheduler.ScheduleAsync(new WebhookDeliveryRef(subscriptionId, delivery.DeliveryId, key), cancellationToken);
        return delivery.DeliveryId;
    }

    /// <summary>Fans out what this process queued, as it is queued, until <paramref name="stopping"/>.</summary>
    public async Task PumpAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var handover in _handovers.Reader.ReadAllAsync(stopping))
            {
                try
                {
                    await FanOutAsync(handover.Event, stopping);
                    await DeleteAsync(handover.MessageId, handover.PopReceipt, stopping);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The message reappears after its hand-over lease and the sweep fans it out.
                    _logger.LogWarning(exception, "Webhook delivery {DeliveryId} not yet scheduled; the sweep takes it up", handover.Event.DeliveryId);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: what is still handed over reappears for the sweep.
        }
    }

    /// <summary>Fans out every message whose hand-over lease ran out (its process died); returns how many notifications it scheduled.</summary>
    internal async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is null)
        {
            return 0;
        }

        var scheduled = 0;
        for (var round = 0; round < 10; round++)
        {
            QueueMessage[] messages = await _storage.Outbox.ReceiveMessagesAsync(32, SweepLease, cancellationToken);
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                var delivery = Read(message.Body.ToString());
                try
                {
                    if (delivery is not null)
                    {
                        await FanOutAsync(delivery, cancellationToken);
                        scheduled++;
                    }

                    await DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    if (message.DequeueCount >= MaxDequeues)
                    {
                        _logger.LogError(exception, "Webhook delivery {DeliveryId} given up after {Dequeues} tries to schedule it", delivery?.DeliveryId, message.DequeueCount);
                        await DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    }
                    else
                    {
                        _logger.LogWarning(exception, "Webhook delivery {DeliveryId} not scheduled; tried again after its lease", delivery?.DeliveryId);
                    }
                }
            }
        }

        return scheduled;
    }

    private async Task EnqueueAsync(WebhookEvent delivery, CancellationToken cancellationToken)
    {
        var receipt = (await _storage.Outbox.SendMessageAsync(JsonSerializer.Serialize(delivery, StorageJson.Options), visibilityTimeout: _handOverLease, cancellationToken: cancellationToken)).Value;
        _handovers.Writer.TryWrite(new Handover(delivery, receipt.MessageId, receipt.PopReceipt));
    }

    /// <summary>Logs the delivery for every receiver that wants it, read afresh, and schedules each.</summary>
    private async Task FanOutAsync(WebhookEvent delivery, CancellationToken cancellationToken)
    {
        foreach (var subscription in await _store.ListAsync(cancellationToken))
        {
            if (subscription.Wants(delivery.Kind) && delivery.Kind != WebhookEvent.TestKind)
            {
                var key = await _store.LogAsync(subscription.Id, delivery, cancellationToken);
                await _scheduler!.ScheduleAsync(new WebhookDeliveryRef(subscription.Id, delivery.DeliveryId, key), cancellationToken);
            }
        }
    }

    private static WebhookEvent? Read(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookEvent>(text, StorageJson.Options) is { Kind: not null, DeliveryId: not null } delivery ? delivery : null;
        }
        catch (JsonException)
        {
            // A message of the queue-posting versions before the receivers were configurable: nobody wants it now.
            return null;
        }
    }

    private async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await _storage.Outbox.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 400)
        {
            // Its lease ran out and the sweep took it: it schedules the same deliveries, which start once.
        }
    }

    private sealed record Handover(WebhookEvent Event, string MessageId, string PopReceipt);
}
