using System.Globalization;
using System.Security.Cryptography;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Ledger;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Assist.Storage.Pipeline;
using Assist.Storage.Tables;
using Azure;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Workflow;

/// <summary>
/// The ticket use cases on Table Storage. A command reads the head row, decides on it (pure), and commits events +
/// head (<c>If-Match</c>) + an outbox row in one entity-group transaction; a racing writer's commit fails with 412
/// and is decided again on fresh state. A pending-dispatch marker written before the commit lets the sweep finish
/// the outbox if this instance dies before it does.
/// </summary>
public sealed class TicketService
{
    private const string NumberAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int MaxNumberAttempts = 10;

    /// <summary>How long the normal path has to dispatch before the sweep takes a marker as abandoned.</summary>
    private static readonly TimeSpan DispatchGrace = TimeSpan.FromMinutes(2);

    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly IOutboxDispatcher _dispatcher;
    private readonly AttachmentStore _attachments;
    private readonly WebhookDelivery _webhooks;
    private readonly DueIndex _dueIndex;
    private readonly ILogger _logger;

    public TicketService(WorkflowStorage storage, DirectoryStore directory, IOutboxDispatcher dispatcher, AttachmentStore attachments, WebhookDelivery webhooks)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(webhooks);
        _storage = storage;
        _directory = directory;
        _dispatcher = dispatcher;
        _attachments = attachments;
        _webhooks = webhooks;
        _dueIndex = new DueIndex(storage);
        _logger = storage.Loggers.CreateLogger<TicketService>();
    }

    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Form);
        ArgumentException.ThrowIfNullOrEmpty(request.TrackingCodeHash);
        var idempotency = string.IsNullOrEmpty(request.IdempotencyKey) ? null : WorkflowKeys.IdempotencyPartition(request.IdempotencyKey);
        for (var attempt = 0; attempt < MaxNumberAttempts; attempt++)
        {
            var number = NewNumber();
            TableEntity? claim = null;
            if (idempotency is not null)
            {
                var (existing, replay) = await ClaimAsync(idempotency, number, request, cancellationToken);
                if (replay is not null)
                {
                    return replay;
                }

                claim = existing!;
                number = claim.GetString("TicketNumber")!;
            }

            var snapshot = await _directory.GetAsync(cancellationToken);
            var command = new SubmitTicket(request.By, Guid.NewGuid().ToString("N"), number, request.Form);
            var context = await ContextAsync(TicketState.Initial, command, snapshot, cancellationToken);
            var now = _storage.Time.GetUtcNow();
            var decision = TicketDecider.Decide(TicketState.Initial, command, now, context);
            if (decision.Rejection is { } rejection)
            {
                if (claim is not null)
                {
                    // The key never produced a ticket; free it so a corrected retry is not bound to a number that never existed.
                    await _storage.Tickets.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken);
                }

                return new SubmitResult.Rejected(rejection);
            }

            var marker = await MarkPendingAsync(number, cancellationToken);
            try
            {
                var record = await CommitAsync(null, default, TicketState.Initial, decision.Events, request.TrackingCodeHash, now, idempotency, cancellationToken);
                _logger.LogInformation("Ticket {TicketNumber} submitted with {EventCount} events", number, decision.Events.Count);
                await DispatchAsync(number, marker, cancellationToken);
                return new SubmitResult.Created(record);
            }
            catch (StorageRequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
            {
                if (idempotency is not null && await GetAsync(number, cancellationToken) is { } taken && await HeadIdempotencyAsync(number, cancellationToken) == idempotency)
                {
                    // A concurrent retry with the same key committed first: that is our ticket.
                    return new SubmitResult.Replayed(taken, LargeText.Read(claim!, "Payload"));
                }

                // A random number collided with another ticket: try a fresh one.
                _logger.LogInformation("Ticket number {TicketNumber} was taken; drawing another", number);
                if (claim is not null)
                {
                    await _storage.Tickets.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, claim.ETag, cancellationToken);
                }
            }
        }

        throw new InvalidOperationException("Could not find a free ticket number.");
    }

    /// <summary>Builds the command from fresh state on each attempt (a retry after 412 re-decides).</summary>
    public async Task<CommandResult> ExecuteAsync(string ticketNumber, Func<TicketState, TicketCommand> command, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!IsTicketNumber(ticketNumber))
        {
            return new CommandResult.NotFound();
        }

        (string Bucket, string RowKey)? marker = null;
        var attempts = Math.Max(1, _storage.Options.MaxCommitAttempts);
        var currentVersion = 0;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var head = await _storage.Tickets.GetEntityIfExistsAsync(ticketNumber, WorkflowKeys.Head(ticketNumber), cancellationToken: cancellationToken);
            if (head is null)
            {
                return new CommandResult.NotFound();
            }

            var record = TicketRows.Record(head);
            currentVersion = record.Version;
            if (expectedVersion is { } expected && expected != record.Version)
            {
                return new CommandResult.VersionMismatch(record.Version);
            }

            var snapshot = await _directory.GetAsync(cancellationToken);
            var next = command(record.State);
            var context = await ContextAsync(record.State, next, snapshot, cancellationToken);
            var now = _storage.Time.GetUtcNow();
            var decision = TicketDecider.Decide(record.State, next, now, context);
            if (decision.Rejection is { } rejection)
            {
                return new CommandResult.Rejected(rejection, record);
            }

            if (decision.Events.Count == 0)
            {
                return new CommandResult.Accepted(record, []);
            }

            marker ??= await MarkPendingAsync(ticketNumber, cancellationToken);
            try
            {
                var committed = await CommitAsync(record, head.ETag, record.State, decision.Events, record.TrackingCodeHash, record.CreatedAt, null, cancellationToken);
                await DispatchAsync(ticketNumber, marker.Value, cancellationToken);
                return new CommandResult.Accepted(committed, decision.Events);
            }
            catch (StorageRequestFailedException exception) when (StorageConflicts.IsConditionFailed(exception) || StorageConflicts.IsAlreadyExists(exception))
            {
                _logger.LogInformation("Ticket {TicketNumber} changed while {Command} was decided (attempt {Attempt})", ticketNumber, next.GetType().Name, attempt + 1);
                if (expectedVersion is not null)
                {
                    var fresh = await GetAsync(ticketNumber, cancellationToken);
                    return new CommandResult.VersionMismatch(fresh?.Version ?? record.Version);
                }
            }
        }

        return new CommandResult.VersionMismatch(currentVersion);
    }

    public async Task<TicketRecord?> GetAsync(string ticketNumber, CancellationToken cancellationToken = default)
    {
        if (!IsTicketNumber(ticketNumber))
        {
            return null;
        }

        var head = await _storage.Tickets.GetEntityIfExistsAsync(ticketNumber, WorkflowKeys.Head(ticketNumber), cancellationToken: cancellationToken);
        return head is null ? null : TicketRows.Record(head);
    }

    public async Task<TicketLedger?> GetLedgerAsync(string ticketNumber, CancellationToken cancellationToken = default)
    {
        if (!IsTicketNumber(ticketNumber))
        {
            return null;
        }

        var rows = new List<LedgerRow>();
        var entries = new List<LedgerEntry>();
        await foreach (var row in _storage.Tickets.QueryAsync(TicketRows.EventFilter(ticketNumber), cancellationToken: cancellationToken))
        {
            var entry = TicketRows.Entry(row);
            entries.Add(entry);
            rows.Add(new LedgerRow((int)entry.Version, TicketEventSerializer.Deserialize(entry.Payload), entry.PreviousHash, entry.Hash));
        }

        return rows.Count == 0 ? null : new TicketLedger(ticketNumber, rows, LedgerHash.Verify(entries));
    }

    /// <summary>
    /// Fires due timers up to now, finishes pending dispatches, expires idempotency rows, removes stale uploads,
    /// delivers due webhooks. Safe to run on several instances at once.
    /// </summary>
    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = _storage.Time.GetUtcNow();
        var nowBucket = WorkflowKeys.Bucket(now);
        var cursorRow = await _storage.DueTimers.GetEntityIfExistsAsync(WorkflowKeys.SweepPartition, WorkflowKeys.CursorRow, cancellationToken: cancellationToken);
        var from = cursorRow?.GetString("Bucket") ?? WorkflowKeys.Bucket(now - _storage.Options.SweepLookBack);
        var newCursor = WorkflowKeys.Bucket(now - DueIndex.CursorMargin);
        if (string.CompareOrdinal(newCursor, from) < 0)
        {
            newCursor = from;
        }

        int fired = 0, ignored = 0, recovered = 0;
        foreach (var bucket in await _dueIndex.ListBucketsAsync(from, nowBucket, cancellationToken))
        {
            var rows = await _dueIndex.ReadBucketAsync(bucket, cancellationToken);
            var remaining = 0;
            // Earlier timers first, so a ticket climbs its ladder in order even when a sweep catches up on several rungs.
            foreach (var row in rows.OrderBy(r => r.GetDateTimeOffset("DueAt") ?? DateTimeOffset.MinValue))
            {
                if (row.RowKey.StartsWith(WorkflowKeys.TimerPrefix, StringComparison.Ordinal))
                {
                    if (row.GetDateTimeOffset("DueAt") is { } dueAt && dueAt > now)
                    {
                        remaining++;
                        continue;
                    }

                    if (await FireAsync(row, cancellationToken))
                    {
                        fired++;
                    }
                    else
                    {
                        ignored++;
                    }
                }
                else if (row.RowKey.StartsWith(WorkflowKeys.DispatchPrefix, StringComparison.Ordinal))
                {
                    var ticket = row.GetString("Ticket") ?? row.RowKey[WorkflowKeys.DispatchPrefix.Length..];
                    await _dispatcher.DispatchAsync(ticket, cancellationToken);
                    recovered++;
                    _logger.LogInformation("Sweep finished the pending dispatch of ticket {TicketNumber}", ticket);
                }
                else if (row.RowKey.StartsWith(WorkflowKeys.IdempotencyExpiryPrefix, StringComparison.Ordinal) && row.GetString("Partition") is { } partition)
                {
                    await _storage.Tickets.DeleteEntityAsync(partition, WorkflowKeys.IdempotencyRow(partition), cancellationToken: cancellationToken);
                }

                await _dueIndex.DeleteAsync(bucket, row.RowKey, cancellationToken);
            }

            if (remaining == 0 && string.CompareOrdinal(bucket, newCursor) < 0)
            {
                await _dueIndex.ForgetBucketAsync(bucket, cancellationToken);
            }
        }

        await MoveCursorAsync(cursorRow, newCursor, cancellationToken);
        var uploads = await _attachments.RemoveStaleAsync(now - _storage.Options.PendingUploadLifetime, cancellationToken);
        var webhooks = await _webhooks.DeliverDueAsync(cancellationToken);
        if (fired + recovered + uploads + webhooks > 0)
        {
            _logger.LogInformation(
                "Sweep up to {SweptUpTo}: {TimersFired} timers fired, {TimersIgnored} ignored, {DispatchesRecovered} dispatches recovered, {UploadsRemoved} uploads removed, {WebhooksDelivered} webhooks delivered",
                now,
                fired,
                ignored,
                recovered,
                uploads,
                webhooks);
        }

        return new SweepReport(fired, ignored, recovered, uploads, webhooks, now);
    }

    /// <summary>Rebuilds every read model and counter from the events (an operator command; scans tickets).</summary>
    public async Task<RebuildReport> RebuildProjectionsAsync(CancellationToken cancellationToken = default)
    {
        await ClearAsync(_storage.ReadModels, pk => !pk.StartsWith("inbox|", StringComparison.Ordinal), cancellationToken);
        await ClearAsync(_storage.Counters, _ => true, cancellationToken);
        var directory = await _directory.GetAsync(cancellationToken);
        // Rebuilding re-sends nothing: no webhooks, and attachments were committed long ago.
        var projector = new TicketProjector(_storage, _dueIndex, new CounterLedger(_storage), null, null);
        int tickets = 0, rows = 0;
        var heads = TableFilter.Create($"RowKey ge {WorkflowKeys.HeadPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.HeadPrefix)}");
        await foreach (var head in _storage.Tickets.QueryAsync(heads, cancellationToken: cancellationToken))
        {
            var record = TicketRows.Record(head);
            var history = await TicketRows.LoadEventsAsync(_storage.Tickets, record.Number, cancellationToken);
            rows += await projector.ApplyAsync(record, history, 1, record.Version, directory, cancellationToken);
            tickets++;
        }

        _logger.LogInformation("Projections rebuilt from {Tickets} tickets ({Rows} rows)", tickets, rows);
        return new RebuildReport(tickets, rows);
    }

    internal static bool IsTicketNumber(string? number) =>
        !string.IsNullOrEmpty(number) && number.Length <= 64 && number.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>
    /// A human-friendly number: the China-time date of receipt and six random characters without look-alikes
    /// (no 0/O, 1/I/L), e.g. <c>2026-0212-7K3M9Q</c>: 31⁶ ≈ 887 million per day, so collisions are rare and retried.
    /// </summary>
    private string NewNumber()
    {
        var prefix = _storage.Time.GetUtcNow().ToOffset(WorkingCalendar.ChinaStandardOffset).ToString("yyyy-MMdd-", CultureInfo.InvariantCulture);
        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = NumberAlphabet[RandomNumberGenerator.GetInt32(NumberAlphabet.Length)];
        }

        return prefix + new string(chars);
    }

    private async Task<(TableEntity? Claim, SubmitResult? Replay)> ClaimAsync(string partition, string number, SubmitRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxNumberAttempts; attempt++)
        {
            var existing = await _storage.Tickets.GetEntityIfExistsAsync(partition, WorkflowKeys.IdempotencyRow(partition), cancellationToken: cancellationToken);
            if (existing is not null)
            {
                var claimed = existing.GetString("TicketNumber")!;
                if (await GetAsync(claimed, cancellationToken) is { } ticket)
                {
                    return (null, new SubmitResult.Replayed(ticket, LargeText.Read(existing, "Payload")));
                }

                // Claimed but never committed (the first attempt died or is still running): carry on under its number.
                return (existing, null);
            }

            var now = _storage.Time.GetUtcNow();
            var expiresAt = now + _storage.Options.IdempotencyLifetime;
            var claim = new TableEntity(partition, WorkflowKeys.IdempotencyRow(partition))
            {
                ["TicketNumber"] = number,
                ["CreatedAt"] = now,
                ["ExpiresAt"] = expiresAt,
            };
            if (request.IdempotencyPayload is not null)
            {
                LargeText.Write(claim, "Payload", request.IdempotencyPayload);
            }

            try
            {
                claim.ETag = await _storage.Tickets.AddEntityAsync(claim, cancellationToken);
                await _dueIndex.PutAsync(
                    new TableEntity("", WorkflowKeys.IdempotencyExpiry(partition)) { ["Partition"] = partition, ["DueAt"] = expiresAt },
                    expiresAt,
                    cancellationToken);
                return (claim, null);
            }
            catch (StorageRequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
            {
                // A concurrent request with the same key claimed it: read its claim.
            }
        }

        throw new InvalidOperationException("The idempotency key kept changing hands.");
    }

    private async Task<string?> HeadIdempotencyAsync(string number, CancellationToken cancellationToken)
    {
        var head = await _storage.Tickets.GetEntityIfExistsAsync(number, WorkflowKeys.Head(number), ["IdempotencyPartition"], cancellationToken);
        return head?.GetString("IdempotencyPartition");
    }

    private async Task<DecisionContext> ContextAsync(TicketState state, TicketCommand command, DirectorySnapshot snapshot, CancellationToken cancellationToken)
    {
        var department = command switch
        {
            SubmitTicket c => snapshot.Routing.Resolve(c.Form.Topic?.Trim() ?? "", c.Form.District?.Trim(), c.Form.Tier?.Trim())?.LeadDepartmentId,
            RouteTicket c => c.LeadDepartmentId,
            AssignOfficer { OfficerId: null } => state.LeadDepartmentId,
            DecideReturn { Accept: true } c => c.NewLeadDepartmentId,
            _ => null,
        };
        var workloads = department is null
            ? AssignmentSnapshot.Empty
            : await Workloads.LoadAsync(_storage, snapshot.Organization, department, cancellationToken);
        return new DecisionContext(snapshot.Policies, snapshot.Calendar, snapshot.Organization, snapshot.Routing, workloads);
    }

    private async Task<(string Bucket, string RowKey)> MarkPendingAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        var rowKey = WorkflowKeys.Dispatch(ticketNumber);
        var dueAt = _storage.Time.GetUtcNow() + DispatchGrace;
        var bucket = await _dueIndex.PutAsync(new TableEntity("", rowKey) { ["Ticket"] = ticketNumber, ["DueAt"] = dueAt }, dueAt, cancellationToken);
        return (bucket, rowKey);
    }

    private async Task<TicketRecord> CommitAsync(
        TicketRecord? current,
        ETag headETag,
        TicketState before,
        ValueList<TicketEvent> events,
        string trackingCodeHash,
        DateTimeOffset createdAt,
        string? idempotency,
        CancellationToken cancellationToken)
    {
        var now = _storage.Time.GetUtcNow();
        var entries = LedgerHash.Chain(events, current?.LastHash ?? LedgerHash.Genesis, before.Version + 1);
        var state = TicketDecider.Replay(events, before);
        var number = state.TicketNumber;
        var head = TicketRows.Head(state, trackingCodeHash, createdAt, now, entries[^1].Hash, idempotency);
        var actions = new List<TableTransactionAction>
        {
            current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, head)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, headETag),
        };
        actions.AddRange(entries.Select((entry, i) => new TableTransactionAction(TableTransactionActionType.Add, TicketRows.Event(number, entry, events[i]))));
        actions.Add(new TableTransactionAction(
            TableTransactionActionType.Add,
            new TableEntity(number, WorkflowKeys.Outbox(number, state.Version, 0)) { ["FromVersion"] = before.Version + 1, ["ToVersion"] = state.Version }));
        await _storage.Tickets.SubmitTransactionAsync(actions, cancellationToken);
        return new TicketRecord(state, trackingCodeHash, createdAt, now, entries[^1].Hash);
    }

    private async Task DispatchAsync(string ticketNumber, (string Bucket, string RowKey) marker, CancellationToken cancellationToken)
    {
        try
        {
            await _dispatcher.DispatchAsync(ticketNumber, cancellationToken);
            await _dueIndex.DeleteAsync(marker.Bucket, marker.RowKey, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The commit stands; the marker stays and the sweep finishes the outbox.
            _logger.LogWarning(exception, "Dispatch of ticket {TicketNumber} failed after commit; the sweep will finish it", ticketNumber);
        }
    }

    private async Task MoveCursorAsync(TableEntity? cursorRow, string newCursor, CancellationToken cancellationToken)
    {
        var row = new TableEntity(WorkflowKeys.SweepPartition, WorkflowKeys.CursorRow) { ["Bucket"] = newCursor };
        try
        {
            if (cursorRow is null)
            {
                await _storage.DueTimers.AddEntityAsync(row, cancellationToken);
            }
            else if (string.CompareOrdinal(newCursor, cursorRow.GetString("Bucket")) > 0)
            {
                await _storage.DueTimers.UpdateEntityAsync(row, cursorRow.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (StorageRequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
        {
            // Another sweeper moved the cursor meanwhile; it read the same buckets.
        }
    }

    private static async Task ClearAsync(TableClient table, Func<string, bool> partitions, CancellationToken cancellationToken)
    {
        var doomed = new List<TableEntity>();
        await foreach (var row in table.QueryAsync(select: [TableEntity.PartitionKeyName, TableEntity.RowKeyName], cancellationToken: cancellationToken))
        {
            if (partitions(row.PartitionKey))
            {
                doomed.Add(row);
            }
        }

        foreach (var group in doomed.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in group.Chunk(TableClient.MaxTransactionActions))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey))), cancellationToken);
            }
        }
    }

    private async Task<bool> FireAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var ticket = row.GetString("Ticket");
        if (ticket is null || !Enum.TryParse<TimerKind>(row.GetString("Kind"), out var kind) || row.GetDateTimeOffset("DueAt") is not { } dueAt)
        {
            return false;
        }

        var key = row.GetString("Key") ?? "";
        var result = await ExecuteAsync(ticket, _ => new TimerElapsed(Actor.System, kind, dueAt, key), null, cancellationToken);
        return result is CommandResult.Accepted { NewEvents.Count: > 0 };
    }
}
