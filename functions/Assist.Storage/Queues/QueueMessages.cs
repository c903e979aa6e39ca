namespace Assist.Storage.Queues;

/// <summary>A received message: its text, and the pop receipt that proves this receiver may delete or update it.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? NextVisibleOn);

/// <summary>A message seen without taking it: no pop receipt, visibility unchanged.</summary>
public sealed record PeekedMessage(string MessageId, string MessageText, long DequeueCount, DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn);

/// <summary>What the service answers to a send: the id and first pop receipt, and when the message becomes visible.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset? InsertionTime, DateTimeOffset? ExpirationTime, DateTimeOffset? TimeNextVisible);

/// <summary>What the service answers to an update: the new pop receipt (the old one is now void) and visibility.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset? NextVisibleOn);

/// <summary>A queue's properties: the approximate message count (it lags and counts invisible messages) and metadata.</summary>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);
