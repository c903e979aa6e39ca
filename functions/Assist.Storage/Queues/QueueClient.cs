using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Assist.Storage.Pipeline;
using Azure;
using Azure.Core;

namespace Assist.Storage.Queues;

/// <summary>
/// One queue: send with delay and time-to-live, receive with a visibility timeout, extend or shorten
/// visibility, delete with the pop receipt, peek and count — shaped like Azure.Storage.Queues' <c>QueueClient</c>.
/// </summary>
public sealed partial class QueueClient
{
    /// <summary>The most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerRequest = 32;

    private readonly StorageRestClient _rest;

    internal QueueClient(StorageRestClient rest, string queueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        if (!QueueNamePattern().IsMatch(queueName))
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name: 3-63 lowercase letters, digits and single hyphens.", nameof(queueName));
        }

        _rest = rest;
        Name = queueName;
    }

    public string Name { get; }

    public Uri Uri => new($"{_rest.Endpoint.AbsoluteUri}/{Name}");

    /// <summary>Creates the queue; true if created, false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Put, StorageOperationKind.QueueCreate, "/" + Name);
        var response = await _rest.SendAsync(message, cancellationToken);
        return response.Status == 201;
    }

    /// <summary>Deletes the queue and its messages; true if it existed.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Delete, StorageOperationKind.QueueDelete, "/" + Name);
        var response = await _rest.SendAsync(message, cancellationToken, 404);
        return response.Status != 404;
    }

    /// <summary>
    /// Adds a message that becomes visible after <paramref name="visibilityTimeout"/> (up to 7 days: how timers are
    /// scheduled) and expires after <paramref name="timeToLive"/> (default 7 days; <see cref="Timeout.InfiniteTimeSpan"/> for never).
    /// </summary>
    public async Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        using var message = _rest.CreateMessage(RequestMethod.Post, StorageOperationKind.QueueSend, $"/{Name}/messages");
        if (visibilityTimeout is { } delay)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay));
        }

        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl));
        }

        SetMessageContent(message.Request, messageText);
        var response = await _rest.SendAsync(message, cancellationToken);
        var element = MessageElements(response).Single();
        return new SendReceipt(
            Text(element, "MessageId"), Text(element, "PopReceipt"),
            Time(element, "InsertionTime"), Time(element, "ExpirationTime"), Time(element, "TimeNextVisible"));
    }

    /// <summary>Takes up to <paramref name="maxMessages"/> messages, hiding them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int? maxMessages = null, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Get, StorageOperationKind.QueueReceive, $"/{Name}/messages");
        if (maxMessages is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(maxMessages));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxMessagesPerRequest, nameof(maxMessages));
            message.Request.Uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture));
        }

        if (visibilityTimeout is { } timeout)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(timeout));
        }

        var response = await _rest.SendAsync(message, cancellationToken);
        return MessageElements(response)
            .Select(e => new QueueMessage(
                Text(e, "MessageId"), Text(e, "PopReceipt"), DecodeText(Text(e, "MessageText")),
                long.Parse(Text(e, "DequeueCount"), CultureInfo.InvariantCulture),
                Time(e, "InsertionTime"), Time(e, "ExpirationTime"), Time(e, "TimeNextVisible")))
            .ToList();
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without taking them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int? maxMessages = null, CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Get, StorageOperationKind.QueuePeek, $"/{Name}/messages");
        message.Request.Uri.AppendQuery("peekonly", "true");
        if (maxMessages is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(maxMessages));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxMessagesPerRequest, nameof(maxMessages));
            message.Request.Uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture));
        }

        var response = await _rest.SendAsync(message, cancellationToken);
        return MessageElements(response)
            .Select(e => new PeekedMessage(
                Text(e, "MessageId"), DecodeText(Text(e, "MessageText")),
                long.Parse(Text(e, "DequeueCount"), CultureInfo.InvariantCulture),
                Time(e, "InsertionTime"), Time(e, "ExpirationTime")))
            .ToList();
    }

    /// <summary>
    /// Makes a received message visible again after <paramref name="visibilityTimeout"/> (zero: now), optionally
    /// replacing its text. The returned pop receipt replaces the old one.
    /// </summary>
    public async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = _rest.CreateMessage(RequestMethod.Put, StorageOperationKind.QueueUpdateMessage, $"/{Name}/messages/{Uri.EscapeDataString(messageId)}");
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        if (messageText is not null)
        {
            SetMessageContent(message.Request, messageText);
        }

        var response = await _rest.SendAsync(message, cancellationToken);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return new UpdateReceipt(
            newReceipt ?? throw new StorageRequestFailedException(response.Status, null, "The update answer had no pop receipt.", null),
            nextVisible is null ? null : DateTimeOffset.Parse(nextVisible, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    /// <summary>
    /// Deletes a received message. A stale pop receipt (the message was updated or received again since) fails with
    /// 400 <see cref="StorageErrorCode.PopReceiptMismatch"/>; a message already gone fails with 404 <see cref="StorageErrorCode.MessageNotFound"/>.
    /// </summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = _rest.CreateMessage(RequestMethod.Delete, StorageOperationKind.QueueDeleteMessage, $"/{Name}/messages/{Uri.EscapeDataString(messageId)}");
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        await _rest.SendAsync(message, cancellationToken);
    }

    public async Task<QueueProperties> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _rest.CreateMessage(RequestMethod.Get, StorageOperationKind.QueueGetProperties, "/" + Name);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await _rest.SendAsync(message, cancellationToken);
        var count = response.Headers.TryGetValue("x-ms-approximate-messages-count", out var value)
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : 0;
        return new QueueProperties(count, StorageMetadata.FromHeaders(response));
    }

    private void SetMessageContent(Request request, string messageText)
    {
        var text = _rest.Options.MessageEncoding == QueueMessageEncoding.Base64
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText))
            : messageText;
        // XElement escapes markup characters; characters XML cannot hold at all need Base64 encoding.
        var body = new XElement("QueueMessage", new XElement("MessageText", text)).ToString(SaveOptions.DisableFormatting);
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body));
    }

    private string DecodeText(string wireText) =>
        _rest.Options.MessageEncoding == QueueMessageEncoding.Base64
            ? Encoding.UTF8.GetString(Convert.FromBase64String(wireText))
            : wireText;

    private static IEnumerable<XElement> MessageElements(Response response)
    {
        try
        {
            return XDocument.Parse(response.Content.ToString()).Root?.Elements("QueueMessage") ?? [];
        }
        catch (XmlException exception)
        {
            throw new StorageRequestFailedException(response.Status, null, "The queue service answered with malformed XML.", null, exception);
        }
    }

    private static string Text(XElement element, string name) => element.Element(name)?.Value ?? string.Empty;

    private static DateTimeOffset? Time(XElement element, string name) =>
        element.Element(name)?.Value is { Length: > 0 } value
            ? DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    private static string Seconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueNamePattern();
}
