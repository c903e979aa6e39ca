using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assist.Storage.Workflow;

/// <summary>
/// The engine's storage resources (names from infra/storage.bicep) and the shared clock, loggers and options.
/// Creates tables, containers and queues once at startup (idempotent).
/// </summary>
public sealed class WorkflowStorage
{
    public WorkflowStorage(StorageAccountClients clients, TimeProvider time, ILoggerFactory loggers, IOptions<WorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(options);
        Clients = clients;
        Time = time;
        Loggers = loggers;
        Options = options.Value;
        var prefix = Options.StorageNamePrefix ?? "";
        Tickets = clients.Tables.GetTableClient(prefix + "Tickets");
        DueTimers = clients.Tables.GetTableClient(prefix + "DueTimers");
        Views = clients.Tables.GetTableClient(prefix + "Views");
        ReadModels = clients.Tables.GetTableClient(prefix + "ReadModels");
        Counters = clients.Tables.GetTableClient(prefix + "Counters");
        Directory = clients.Tables.GetTableClient(prefix + "Directory");
        Webhooks = clients.Tables.GetTableClient(prefix + "Webhooks");
        Attachments = clients.Blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "attachments");
        PendingUploads = clients.Blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "uploads-pending");
        Outbox = clients.Queues.GetQueueClient(prefix.ToLowerInvariant() + "outbox");
    }

    public StorageAccountClients Clients { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory Loggers { get; }

    public WorkflowOptions Options { get; }

    /// <summary>One partition per ticket (head, events, outbox) and the <c>idem-…</c> partitions.</summary>
    internal TableClient Tickets { get; }

    /// <summary>Minute buckets of due timers and pending-dispatch markers, their day index and the sweep cursor.</summary>
    internal TableClient DueTimers { get; }

    /// <summary>
    /// The staff lists: officer desks (<c>desk|…</c>), department queues (<c>dept|…</c>), the overdue board, and each
    /// department's assignment cursor. Rows for open tickets only, so the table stays small and a list is one
    /// partition query (on Azurite every query scans its whole table: kept apart from the ledger and inboxes).
    /// </summary>
    internal TableClient Views { get; }

    /// <summary>View trackers, inboxes, the ledger's rows and indexes, red cards.</summary>
    internal TableClient ReadModels { get; }

    internal TableClient Counters { get; }

    internal TableClient Directory { get; }

    /// <summary>The webhook receivers administrators configured, and each one's delivery log.</summary>
    internal TableClient Webhooks { get; }

    internal BlobContainerClient Attachments { get; }

    internal BlobContainerClient PendingUploads { get; }

    /// <summary>Notifications a ticket's projection left for the webhooks, until they are fanned out to the receivers that want them.</summary>
    internal QueueClient Outbox { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { Tickets, DueTimers, Views, ReadModels, Counters, Directory, Webhooks })
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        // Containers are private (no public access), as every container Assist creates.
        await Attachments.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await PendingUploads.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await Outbox.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
