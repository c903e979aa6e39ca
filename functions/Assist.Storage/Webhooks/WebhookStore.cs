using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Assist.Storage.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Assist.Storage.Webhooks;

/// <summary>
/// The receivers administrators configured and each one's delivery log, in the <c>Webhooks</c> table: one partition
/// of receivers (a handful: listing is one query) and one partition per receiver for its log, keyed newest first,
/// so a page of the log is one partition query. Kept out of the <c>Directory</c> table, whose every row is read into
/// the directory snapshot and its version.
/// </summary>
public sealed class WebhookStore
{
    public const int MaxSubscriptions = 50;
    public const int MaxPageSize = 100;
    private const string SubscriptionPartition = "subscriptions";
    private const int SecretBytes = 32;

    /// <summary>
    /// How long the answer to "does anyone want this kind?" is reused. Ticket projections ask it for every
    /// notification; this instance's own edits clear it at once, another instance's show within this time.
    /// </summary>
    private static readonly TimeSpan ListenerCacheLifetime = TimeSpan.FromSeconds(30);

    private readonly WorkflowStorage _storage;
    private volatile ListenerCache? _listeners;

    public WebhookStore(WorkflowStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        var subscriptions = new List<WebhookSubscription>();
        await foreach (var row in _storage.Webhooks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SubscriptionPartition}"), cancellationToken: cancellationToken))
        {
            subscriptions.Add(Subscription(row));
        }

        return [.. subscriptions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await FindAsync(id, cancellationToken) is { } row ? Subscription(row) : null;

    /// <summary>Adds a receiver with a new secret; null when there are already <see cref="MaxSubscriptions"/>.</summary>
    public async Task<WebhookSecretIssued?> CreateAsync(WebhookSubscriptionChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if ((await ListAsync(cancellationToken)).Count >= MaxSubscriptions)
        {
            return null;
        }

        var now = _storage.Time.GetUtcNow();
        var secret = NewSecret();
        var row = new TableEntity(SubscriptionPartition, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)))
        {
            ["CreatedAt"] = now,
            ["Secret"] = secret,
        };
        Apply(row, change, now);
        await _storage.Webhooks.AddEntityAsync(row, cancellationToken);
        _listeners = null;
        return new WebhookSecretIssued(Subscription(row), secret);
    }

    /// <summary>Changes a receiver's name, URL, kinds and switch; its secret stays. Null when there is no such receiver.</summary>
    public async Task<WebhookSubscription?> UpdateAsync(string id, WebhookSubscriptionChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var row = await ChangeAsync(id, row => Apply(row, change, _storage.Time.GetUtcNow()), cancellationToken);
        return row is null ? null : Subscription(row);
    }

    /// <summary>Replaces a receiver's secret (deliveries still being retried are signed with the new one). Null when there is no such receiver.</summary>
    public async Task<WebhookSecretIssued?> RotateSecretAsync(string id, CancellationToken cancellationToken = default)
    {
        var secret = NewSecret();
        var row = await ChangeAsync(id, row =>
        {
            row["Secret"] = secret;
            row["UpdatedAt"] = _storage.Time.GetUtcNow();
        }, cancellationToken);
        return row is null ? null : new WebhookSecretIssued(Subscription(row), secret);
    }

    /// <summary>Removes a receiver and its log; deliveries still being retried find it gone and stop. False when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsId(id))
        {
            return false;
        }

        try
        {
            await _storage.Webhooks.DeleteEntityAsync(SubscriptionPartition, id, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }

        _listeners = null;
        var log = new List<TableEntity>();
        await foreach (var row in _storage.Webhooks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LogPartition(id)}"), select: [nameof(TableEntity.PartitionKey), nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            log.Add(row);
        }

        foreach (var chunk in log.Chunk(TableStorage.MaxTransactionActions))
        {
            try
            {
                await _storage.Webhooks.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                // A row went meanwhile (a second delete): the rest of the chunk is removed one by one.
                foreach (var row in chunk)
                {
                    await _storage.Webhooks.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }
        }

        return true;
    }

    /// <summary>The active receivers that want <paramref name="kind"/>, from a list reused for a short while (see <see cref="ListenerCacheLifetime"/>).</summary>
    internal async Task<bool> AnyWantsAsync(string kind, CancellationToken cancellationToken)
    {
        var listeners = _listeners;
        if (listeners is null || _storage.Time.GetElapsedTime(listeners.At) > ListenerCacheLifetime)
        {
            var at = _storage.Time.GetTimestamp();
            listeners = new ListenerCache(await ListAsync(cancellationToken), at);
            _listeners = listeners;
        }

        return listeners.Subscriptions.Any(s => s.Wants(kind));
    }

    /// <summary>The receiver's secret, read for each attempt so a rotation takes effect on the next one.</summary>
    internal async Task<(WebhookSubscription Subscription, string Secret)?> GetWithSecretAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } row ? (Subscription(row), row.GetString("Secret") ?? "") : null;

    /// <summary>
    /// Logs <paramref name="delivery"/> for the receiver as pending, once: a projection run again finds the row there and
    /// leaves it (and its body) as it was. Returns the row's key, which the same delivery always gets.
    /// </summary>
    internal async Task<string> LogAsync(string subscriptionId, WebhookEvent delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var key = LogKey(delivery);
        try
        {
            await _storage.Webhooks.AddEntityAsync(
                new TableEntity(LogPartition(subscriptionId), key)
                {
                    ["DeliveryId"] = delivery.DeliveryId,
                    ["Kind"] = delivery.Kind,
                    ["TicketNumber"] = delivery.TicketNumber,
                    ["Body"] = JsonSerializer.Serialize(delivery, StorageJson.Options),
                    ["Status"] = nameof(WebhookDeliveryStatus.Pending),
                    ["Attempts"] = 0,
                    ["CreatedAt"] = _storage.Time.GetUtcNow(),
                },
                cancellationToken);
        }
        catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
        {
            // Logged before (the same notification projected again, or the outbox message taken up twice).
        }

        return key;
    }

    internal async Task<TableEntity?> FindLogAsync(WebhookDeliveryRef delivery, CancellationToken cancellationToken) =>
        (await _storage.Webhooks.GetEntityIfExistsAsync<TableEntity>(LogPartition(delivery.SubscriptionId), delivery.LogKey, cancellationToken: cancellationToken)) is { HasValue: true } found
            ? found.Value
            : null;

    /// <summary>Records one attempt's outcome on the log row (a missing row is left missing: the receiver was deleted).</summary>
    internal async Task RecordAsync(WebhookDeliveryRef delivery, WebhookDeliveryStatus status, bool attempted, int? statusCode, string? error, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 5; round++)
        {
            if (await FindLogAsync(delivery, cancellationToken) is not { } row)
            {
                return;
            }

            var now = _storage.Time.GetUtcNow();
            row["Status"] = status.ToString();
            if (attempted)
            {
                row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
                row["LastAttemptAt"] = now;
                row["LastStatusCode"] = statusCode;
            }

            if (error is not null || status == WebhookDeliveryStatus.Delivered)
            {
                row["LastError"] = error;
            }

            if (status == WebhookDeliveryStatus.Delivered)
            {
                row["DeliveredAt"] = now;
            }

            try
            {
                await _storage.Webhooks.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
            {
                // Another attempt's record landed first (an activity re-run): read it again.
            }
        }
    }

    /// <summary>A page of the receiver's log, newest first; <paramref name="continuationToken"/> is the key the previous page ended at.</summary>
    public async Task<WebhookDeliveryPage> ListDeliveriesAsync(string subscriptionId, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        if (continuationToken is not null && !IsLogKey(continuationToken))
        {
            throw new ArgumentException("The continuation token is not one this list issued.", nameof(continuationToken));
        }

        var partition = LogPartition(subscriptionId);
        var filter = continuationToken is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {continuationToken}");
        var rows = new List<TableEntity>(pageSize + 1);
        await foreach (var row in _storage.Webhooks.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > pageSize)
            {
                break;
            }
        }

        return new WebhookDeliveryPage([.. rows.Take(pageSize).Select(Delivery)], rows.Count > pageSize ? rows[pageSize - 1].RowKey : null);
    }

    /// <summary>Newest first by when the notification's event happened, then by delivery id: the same key however often it is logged.</summary>
    internal static string LogKey(WebhookEvent delivery) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - delivery.OccurredAt.UtcTicks:D19}-{delivery.DeliveryId}");

    public static bool IsId(string? id) => id is { Length: 16 } && id.All(char.IsAsciiHexDigitLower);

    private static bool IsLogKey(string key) => key.Length > 20 && key[19] == '-' && key[..19].All(char.IsAsciiDigit);

    private static string LogPartition(string subscriptionId) => "log|" + subscriptionId;

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    private async Task<TableEntity?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsId(id) && (await _storage.Webhooks.GetEntityIfExistsAsync<TableEntity>(SubscriptionPartition, id, cancellationToken: cancellationToken)) is { HasValue: true } found
            ? found.Value
            : null;

    private async Task<TableEntity?> ChangeAsync(string id, Action<TableEntity> change, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            if (await FindAsync(id, cancellationToken) is not { } row)
            {
                return null;
            }

            change(row);
            try
            {
                await _storage.Webhooks.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                _listeners = null;
                return row;
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception) && round < 4)
            {
                // Another administrator's change landed first: apply this one on top of it.
            }
        }
    }

    private static void Apply(TableEntity row, WebhookSubscriptionChange change, DateTimeOffset now)
    {
        row["Name"] = change.Name;
        row["Url"] = change.Url.AbsoluteUri;
        row["Events"] = string.Join(',', change.Events);
        row["Active"] = change.Active;
        row["UpdatedAt"] = now;
    }

    private static WebhookSubscription Subscription(TableEntity row)
    {
        var secret = row.GetString("Secret") ?? "";
        var events = row.GetString("Events") ?? "";
        return new WebhookSubscription(
            row.RowKey,
            row.GetString("Name") ?? "",
            new Uri(row.GetString("Url") ?? "https://invalid.invalid/"),
            events.Length == 0 ? [] : events.Split(','),
            row.GetBoolean("Active") ?? true,
            secret.Length > 4 ? "…" + secret[^4..] : "",
            row.GetDateTimeOffset("CreatedAt") ?? default,
            row.GetDateTimeOffset("UpdatedAt") ?? default);
    }

    private sealed record ListenerCache(IReadOnlyList<WebhookSubscription> Subscriptions, long At);

    private static WebhookDeliveryRecord Delivery(TableEntity row) => new(
        row.GetString("DeliveryId") ?? "",
        row.GetString("Kind") ?? "",
        row.GetString("TicketNumber"),
        Enum.TryParse<WebhookDeliveryStatus>(row.GetString("Status"), out var status) ? status : WebhookDeliveryStatus.Pending,
        row.GetInt32("Attempts") ?? 0,
        row.GetInt32("LastStatusCode"),
        row.GetString("LastError"),
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.GetDateTimeOffset("LastAttemptAt"),
        row.GetDateTimeOffset("DeliveredAt"));
}
