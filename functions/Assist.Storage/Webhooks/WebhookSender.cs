using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Assist.Storage.Workflow;

namespace Assist.Storage.Webhooks;

/// <summary>
/// Makes one attempt at one delivery: reads the log row (its body, the same on every attempt) and the receiver (its
/// current URL and secret), signs with a fresh timestamp, posts with a short timeout, and records the attempt. An
/// attempt that fails throws <see cref="WebhookAttemptFailedException"/>, for the orchestration's retry policy.
/// </summary>
public sealed class WebhookSender
{
    private readonly WebhookStore _store;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    /// <summary>
    /// The signature's timestamp is the machine's real time, not the app clock: in development the app clock can be
    /// moved, and a receiver checks the timestamp against its own real clock.
    /// </summary>
    private readonly TimeProvider _wallClock;

    public WebhookSender(WorkflowStorage storage, WebhookStore store, HttpClient http, IOptions<WebhookOptions> options, TimeProvider? wallClock = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _http = http;
        _timeout = options.Value.Timeout;
        _wallClock = wallClock ?? TimeProvider.System;
        _logger = storage.Loggers.CreateLogger<WebhookSender>();
    }

    public async Task<WebhookOutcome> AttemptAsync(WebhookDeliveryRef delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (await _store.FindLogAsync(delivery, cancellationToken) is not { } row)
        {
            return WebhookOutcome.Abandoned;
        }

        if (row.GetString("Status") == nameof(WebhookDeliveryStatus.Delivered))
        {
            // The engine ran this attempt again after it had succeeded (at least once is its promise): not again.
            return WebhookOutcome.Delivered;
        }

        var kind = row.GetString("Kind") ?? "";
        if (await _store.GetWithSecretAsync(delivery.SubscriptionId, cancellationToken) is not { } receiver || !receiver.Subscription.Wants(kind))
        {
            await _store.RecordAsync(delivery, WebhookDeliveryStatus.Failed, attempted: false, null, "The receiver was removed or switched off.", cancellationToken);
            return WebhookOutcome.Abandoned;
        }

        var body = Encoding.UTF8.GetBytes(row.GetString("Body") ?? "{}");
        var timestamp = _wallClock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, delivery.DeliveryId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventHeader, kind);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(receiver.Secret, timestamp, body));

        int? status = null;
        string error;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_timeout);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    await _store.RecordAsync(delivery, WebhookDeliveryStatus.Delivered, attempted: true, status, null, cancellationToken);
                    return WebhookOutcome.Delivered;
                }

                error = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"No answer within {_timeout.TotalSeconds:0.#} s.");
            }
            catch (HttpRequestException exception)
            {
                error = exception.Message;
            }
        }

        _logger.LogWarning("Webhook delivery {DeliveryId} to {SubscriptionId} failed: {Error}", delivery.DeliveryId, delivery.SubscriptionId, error);
        await _store.RecordAsync(delivery, WebhookDeliveryStatus.Pending, attempted: true, status, error, cancellationToken);
        throw new WebhookAttemptFailedException(error);
    }

    /// <summary>Marks the delivery failed after its last attempt (the log keeps that attempt's error).</summary>
    public Task GiveUpAsync(WebhookDeliveryRef delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return _store.RecordAsync(delivery, WebhookDeliveryStatus.Failed, attempted: false, null, null, cancellationToken);
    }
}
