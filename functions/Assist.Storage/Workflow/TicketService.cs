using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Assist.Domain.Calendar;
using Assist.Domain.Common;
using Assist.Domain.Ledger;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Assist.Storage.Attachments;
using Assist.Storage.Directory;
using Azure;
using Azure.Data.Tables;
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

    /// <summary>About how many due-index rows a sweep reads before it works on them: bounds memory on a long catch-up.</summary>
    private const int SweepWindowRows = 1_000;

    /// <summary>How long the normal path has to dispatch before the sweep takes a marker as abandoned.</summary>
    private static readonly TimeSpan DispatchGrace = TimeSpan.FromMinutes(2);

    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly IOutboxDispatcher _dispatcher;
    private readonly AttachmentStore _attachments;
    private readonly WebhookDelivery _webhooks;
    private readonly DueIndex _dueIndex;
    private readonly Workloads _workloads;
    private readonly PreparedNumbers _prepared;
    private readonly BackgroundDispatcher? _queue;
    private readonly Func<IReadOnlyList<QueuedSubmission>, CancellationToken, Task> _dispatchGroup;
    private readonly ILogger _logger;

    public TicketService(WorkflowStorage storage, DirectoryStore directory, IOutboxDispatcher dispatcher, AttachmentStore attachments, WebhookDelivery webhooks, BackgroundDispatcher? queue = null)
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
        _workloads = new Workloads(storage);
        _prepared = new PreparedNumbers(storage, _dueIndex, NewNumber, DispatchGrace);
        // Submissions are dispatched there after they are answered; without it, or while it is not running, inline.
        _queue = queue;
        _dispatchGroup = DispatchGroupAsync;
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
            // A host that answers before dispatching also prepares numbers with their markers ahead (PreparedNumbers).
            var prepared = idempotency is null && _queue is { IsRunning: true } ? _prepared.TryTake() : null;
            var number = prepared?.Number ?? NewNumber();
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

                if (prepared is not null)
                {
                    _prepared.Return(prepared);
                }

                return new SubmitResult.Rejected(rejection);
            }

            var marker = prepared?.Marker ?? await MarkPendingAsync(number, firstCommit: true, cancellationToken);
            try
            {
                var batch = await CommitAsync(null, default, TicketState.Initial, decision.Events, request.TrackingCodeHash, now, idempotency, cancellationToken);
                _workloads.Record(decision.Events);
                _logger.LogInformation("Ticket {TicketNumber} submitted with {EventCount} events", number, decision.Events.Count);
                // The submission is durable: answer now and project in the background when a host runs the queue.
                if (_queue is null || !await _queue.TryEnqueueAsync(new QueuedSubmission(batch, marker, _dispatchGroup), cancellationToken))
                {
                    await DispatchAsync(batch, marker, cancellationToken);
                }

                return new SubmitResult.Created(batch.Record);
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
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
            var head = await _storage.Tickets.FindAsync(ticketNumber, WorkflowKeys.Head(ticketNumber), cancellationToken: cancellationToken);
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

            marker ??= await MarkPendingAsync(ticketNumber, firstCommit: false, cancellationToken);
            try
            {
                var committed = await CommitAsync(record, head.ETag, record.State, decision.Events, record.TrackingCodeHash, record.CreatedAt, null, cancellationToken);
                // Closing, reassigning or returning changes officers' loads: count the desks again next time.
                _workloads.Forget();
                await DispatchAsync(ticketNumber, marker.Value, cancellationToken);
                return new CommandResult.Accepted(committed.Record, decision.Events);
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsConditionFailed(exception) || StorageConflicts.IsAlreadyExists(exception))
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

        var head = await _storage.Tickets.FindAsync(ticketNumber, WorkflowKeys.Head(ticketNumber), cancellationToken: cancellationToken);
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
        await foreach (var row in _storage.Tickets.QueryAsync<TableEntity>(TicketRows.EventFilter(ticketNumber), cancellationToken: cancellationToken))
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
    /// <remarks>
    /// Buckets are read in windows of about <see cref="SweepWindowRows"/> rows; a window's due rows are grouped by
    /// ticket, and up to <see cref="WorkflowOptions.SweepConcurrency"/> tickets are worked on at once, each ticket's
    /// rows one after another in due order, so a ticket climbs its escalation ladder in order. A ticket whose row
    /// fails is left alone for the rest of the sweep (its later rungs must not overtake the failed one); its rows stay
    /// in the index and the cursor stops at their bucket, so the next sweep takes them up again.
    /// </remarks>
    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var now = _storage.Time.GetUtcNow();
        var nowBucket = WorkflowKeys.Bucket(now);
        var cursorRow = await _storage.DueTimers.FindAsync(WorkflowKeys.SweepPartition, WorkflowKeys.CursorRow, cancellationToken: cancellationToken);
        var from = cursorRow?.GetString("Bucket") ?? WorkflowKeys.Bucket(now - _storage.Options.SweepLookBack);
        var newCursor = WorkflowKeys.Bucket(now - DueIndex.CursorMargin);
        if (string.CompareOrdinal(newCursor, from) < 0)
        {
            newCursor = from;
        }

        var sweep = new SweepRun(now, started, _storage.Options.SweepTimeBudget);
        string? firstUnfinished = null;
        var left = 0;
        var buckets = await _dueIndex.ListBucketsAsync(from, nowBucket, cancellationToken);
        for (var next = 0; next < buckets.Count;)
        {
            if (sweep.OverBudget)
            {
                firstUnfinished ??= buckets[next];
                _logger.LogWarning("Sweep stopped at bucket {Bucket} after its time budget; the next sweep carries on from there", buckets[next]);
                break;
            }

            var window = new List<SweptBucket>();
            for (var rows = 0; next < buckets.Count && rows < SweepWindowRows; next++)
            {
                var bucket = new SweptBucket(buckets[next], await _dueIndex.ReadBucketAsync(buckets[next], cancellationToken));
                window.Add(bucket);
                rows += bucket.Rows.Count;
            }

            await SweepWindowAsync(window, sweep, cancellationToken);
            foreach (var bucket in window)
            {
                if (bucket.Left > 0)
                {
                    left += bucket.Left;
                    firstUnfinished ??= bucket.Name;
                }
                else if (bucket.Emptied && string.CompareOrdinal(bucket.Name, newCursor) < 0)
                {
                    await _dueIndex.ForgetBucketAsync(bucket.Name, cancellationToken);
                }
            }
        }

        // Rows left behind keep the cursor at their bucket, or the next sweep would start after them.
        if (firstUnfinished is not null && string.CompareOrdinal(firstUnfinished, newCursor) < 0)
        {
            newCursor = firstUnfinished;
        }

        await MoveCursorAsync(cursorRow, newCursor, cancellationToken);
        var uploads = await _attachments.RemoveStaleAsync(now - _storage.Options.PendingUploadLifetime, cancellationToken);
        var webhooks = await _webhooks.DeliverDueAsync(cancellationToken);
        if (sweep.Fired + sweep.Recovered + left + uploads + webhooks > 0)
        {
            _logger.LogInformation(
                "Sweep up to {SweptUpTo}: {TimersFired} timers fired, {TimersIgnored} ignored, {DispatchesRecovered} dispatches recovered, {RowsLeft} due rows left for the next sweep, {UploadsRemoved} uploads removed, {WebhooksDelivered} webhooks delivered",
                now,
                sweep.Fired,
                sweep.Ignored,
                sweep.Recovered,
                left,
                uploads,
                webhooks);
        }

        return new SweepReport(sweep.Fired, sweep.Ignored, sweep.Recovered, uploads, webhooks, now, left);
    }

    /// <summary>Rebuilds every read model and counter from the events (an operator command; scans tickets).</summary>
    public async Task<RebuildReport> RebuildProjectionsAsync(CancellationToken cancellationToken = default)
    {
        await ClearAsync(_storage.Views, _ => true, cancellationToken);
        await ClearAsync(_storage.ReadModels, pk => !pk.StartsWith("inbox|", StringComparison.Ordinal), cancellationToken);
        await ClearAsync(_storage.Counters, _ => true, cancellationToken);
        var directory = await _directory.GetAsync(cancellationToken);
        // Rebuilding re-sends nothing: no webhooks, and attachments were committed long ago.
        var projector = new TicketProjector(_storage, _dueIndex, new CounterLedger(_storage), null, null);
        int tickets = 0, rows = 0;
        var heads = TableClient.CreateQueryFilter($"RowKey ge {WorkflowKeys.HeadPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.HeadPrefix)}");
        await foreach (var head in _storage.Tickets.QueryAsync<TableEntity>(heads, cancellationToken: cancellationToken))
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
    private string NewNumber() => DrawNumber(_storage.Time.GetUtcNow());

    /// <summary>A fresh number for a ticket received at <paramref name="now"/> (see <see cref="NewNumber"/>).</summary>
    internal static string DrawNumber(DateTimeOffset now)
    {
        var prefix = NumberPrefix(now);
        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = NumberAlphabet[RandomNumberGenerator.GetInt32(NumberAlphabet.Length)];
        }

        return prefix + new string(chars);
    }

    /// <summary>The part of a ticket number that names the China date of receipt, e.g. <c>2026-0212-</c>.</summary>
    internal static string NumberPrefix(DateTimeOffset now) =>
        now.ToOffset(WorkingCalendar.ChinaStandardOffset).ToString("yyyy-MMdd-", CultureInfo.InvariantCulture);

    /// <summary>The claim's column binding an Idempotency-Key to the form it was first used with (<see cref="SubmissionFingerprint"/>).</summary>
    private const string FingerprintColumn = "Fingerprint";

    private async Task<(TableEntity? Claim, SubmitResult? Replay)> ClaimAsync(string partition, string number, SubmitRequest request, CancellationToken cancellationToken)
    {
        var fingerprint = SubmissionFingerprint.Of(request.Form);
        for (var attempt = 0; attempt < MaxNumberAttempts; attempt++)
        {
            var existing = await _storage.Tickets.FindAsync(partition, WorkflowKeys.IdempotencyRow(partition), cancellationToken: cancellationToken);
            if (existing is not null)
            {
                var claimed = existing.GetString("TicketNumber")!;
                var ticket = await GetAsync(claimed, cancellationToken);
                if (existing.GetString(FingerprintColumn) is { } bound && bound != fingerprint)
                {
                    // The same key with another body is another submission: refuse it rather than answer the first ticket.
                    return (null, new SubmitResult.KeyMismatch(ticket?.Number));
                }

                if (ticket is not null)
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
                [FingerprintColumn] = fingerprint,
            };
            if (request.IdempotencyPayload is not null)
            {
                LargeText.Write(claim, "Payload", request.IdempotencyPayload);
            }

            try
            {
                claim.ETag = (await _storage.Tickets.AddEntityAsync(claim, cancellationToken)).Headers.ETag ?? default;
                await _dueIndex.PutAsync(
                    new TableEntity("", WorkflowKeys.IdempotencyExpiry(partition)) { ["Partition"] = partition, ["DueAt"] = expiresAt },
                    expiresAt,
                    cancellationToken);
                return (claim, null);
            }
            catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
            {
                // A concurrent request with the same key claimed it: read its claim.
            }
        }

        throw new InvalidOperationException("The idempotency key kept changing hands.");
    }

    private async Task<string?> HeadIdempotencyAsync(string number, CancellationToken cancellationToken)
    {
        var head = await _storage.Tickets.FindAsync(number, WorkflowKeys.Head(number), ["IdempotencyPartition"], cancellationToken);
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
            : await _workloads.LoadAsync(snapshot.Organization, department, cancellationToken);
        return new DecisionContext(snapshot.Policies, snapshot.Calendar, snapshot.Organization, snapshot.Routing, workloads);
    }

    private async Task<(string Bucket, string RowKey)> MarkPendingAsync(string ticketNumber, bool firstCommit, CancellationToken cancellationToken)
    {
        var dueAt = _storage.Time.GetUtcNow() + DispatchGrace;
        var row = DueIndex.Marker(ticketNumber, dueAt, firstCommit);
        var bucket = await _dueIndex.PutAsync(row, dueAt, cancellationToken);
        return (bucket, row.RowKey);
    }

    private async Task<CommittedBatch> CommitAsync(
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
        // A first commit needs no outbox row: its pending-dispatch marker (a submission's, flagged FirstCommit) says the
        // whole ticket is to be projected. Later commits say which versions their outbox covers.
        string[] outbox = current is null ? [] : [WorkflowKeys.Outbox(number, state.Version, 0)];
        actions.AddRange(outbox.Select(rowKey => new TableTransactionAction(
            TableTransactionActionType.Add,
            new TableEntity(number, rowKey) { ["FromVersion"] = before.Version + 1, ["ToVersion"] = state.Version })));

        await _storage.Tickets.SubmitTransactionAsync(actions, cancellationToken);
        var record = new TicketRecord(state, trackingCodeHash, createdAt, now, entries[^1].Hash);
        // Only a first commit holds the whole history; later ones are dispatched from the partition.
        return new CommittedBatch(record, current is null ? entries.Select((entry, i) => (entry, events[i])).ToList() : [], before.Version + 1, outbox);
    }

    private Task DispatchAsync(string ticketNumber, (string Bucket, string RowKey) marker, CancellationToken cancellationToken) =>
        DispatchAsync(ticketNumber, token => _dispatcher.DispatchAsync(ticketNumber, token), marker, cancellationToken);

    private Task DispatchAsync(CommittedBatch batch, (string Bucket, string RowKey) marker, CancellationToken cancellationToken) =>
        DispatchAsync(batch.Record.Number, token => _dispatcher.DispatchCommittedAsync(batch, token), marker, cancellationToken);

    /// <summary>
    /// Projects a group of queued submissions together and then removes their markers, a minute bucket's markers in
    /// one transaction. If anything fails the markers stay, and the sweep finishes whichever outboxes are left.
    /// </summary>
    private async Task DispatchGroupAsync(IReadOnlyList<QueuedSubmission> group, CancellationToken cancellationToken)
    {
        try
        {
            await _dispatcher.DispatchCommittedAsync([.. group.Select(item => item.Batch)], cancellationToken);
            await _dueIndex.DeleteMarkersAsync(group.Select(item => item.Marker), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogWarning(exception, "Dispatch of {Count} submissions failed after commit; the sweep will finish them", group.Count);
        }
    }

    private async Task DispatchAsync(string ticketNumber, Func<CancellationToken, Task> dispatch, (string Bucket, string RowKey) marker, CancellationToken cancellationToken)
    {
        try
        {
            await dispatch(cancellationToken);
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
        catch (RequestFailedException exception) when (StorageConflicts.IsLostRace(exception))
        {
            // Another sweeper moved the cursor meanwhile; it read the same buckets.
        }
    }

    private static async Task ClearAsync(TableClient table, Func<string, bool> partitions, CancellationToken cancellationToken)
    {
        var doomed = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: [nameof(TableEntity.PartitionKey), nameof(TableEntity.RowKey)], cancellationToken: cancellationToken))
        {
            if (partitions(row.PartitionKey))
            {
                doomed.Add(row);
            }
        }

        foreach (var group in doomed.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in group.Chunk(TableStorage.MaxTransactionActions))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey))), cancellationToken);
            }
        }
    }

    /// <summary>Works through one window of buckets: tickets in parallel, each ticket's rows in due order, handled rows deleted in batches.</summary>
    private async Task SweepWindowAsync(List<SweptBucket> window, SweepRun sweep, CancellationToken cancellationToken)
    {
        var due = new List<(SweptBucket Bucket, TableEntity Row)>();
        foreach (var bucket in window)
        {
            foreach (var row in bucket.Rows)
            {
                if (row.RowKey.StartsWith(WorkflowKeys.TimerPrefix, StringComparison.Ordinal) && row.GetDateTimeOffset("DueAt") is { } dueAt && dueAt > sweep.Now)
                {
                    bucket.NotYetDue++;
                }
                else
                {
                    due.Add((bucket, row));
                }
            }
        }

        var tickets = due
            .GroupBy(item => SweepRun.OwnerOf(item.Row), StringComparer.Ordinal)
            .Select(group => group
                .OrderBy(item => item.Row.GetDateTimeOffset("DueAt") ?? DateTimeOffset.MinValue)
                .ThenBy(item => item.Bucket.Name, StringComparer.Ordinal)
                .ThenBy(item => item.Row.RowKey, StringComparer.Ordinal)
                .ToList());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _storage.Options.SweepConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(tickets, parallel, async (rows, token) =>
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var (bucket, row) = rows[i];
                if (sweep.OverBudget || sweep.IsBlocked(row))
                {
                    bucket.Leave();
                    continue;
                }

                try
                {
                    if (!await HandleDueRowAsync(row, sweep, token))
                    {
                        sweep.Block(row);
                        bucket.Leave();
                        continue;
                    }
                }
                catch (Exception exception) when (!token.IsCancellationRequested)
                {
                    // The row stays in the index; the ticket's later rows wait with it so they cannot overtake it.
                    _logger.LogWarning(exception, "Sweep could not handle due row {RowKey} in bucket {Bucket}; the next sweep retries it", row.RowKey, bucket.Name);
                    sweep.Block(row);
                    bucket.Leave();
                    continue;
                }

                if (bucket.Handled(row) is { } batch)
                {
                    await DeleteHandledAsync(bucket, batch, token);
                }
            }
        });

        foreach (var bucket in window)
        {
            await DeleteHandledAsync(bucket, bucket.TakeHandled(), cancellationToken);
        }
    }

    /// <summary>True once the row's work is done (a timer fired or found stale included); false to keep it for the next sweep.</summary>
    private async Task<bool> HandleDueRowAsync(TableEntity row, SweepRun sweep, CancellationToken cancellationToken)
    {
        if (row.RowKey.StartsWith(WorkflowKeys.TimerPrefix, StringComparison.Ordinal))
        {
            switch (await FireAsync(row, cancellationToken))
            {
                case CommandResult.Accepted { NewEvents.Count: > 0 }:
                    sweep.CountFired();
                    return true;
                case CommandResult.VersionMismatch:
                    // Every attempt lost a race with another writer: not decided yet, so not done.
                    _logger.LogWarning("Timer {RowKey} kept losing races with other writers; the next sweep retries it", row.RowKey);
                    return false;
                default:
                    sweep.CountIgnored();
                    return true;
            }
        }

        if (row.RowKey.StartsWith(WorkflowKeys.DispatchPrefix, StringComparison.Ordinal))
        {
            var ticket = row.GetString("Ticket") ?? row.RowKey[WorkflowKeys.DispatchPrefix.Length..];
            if (_queue?.Holds(ticket) == true)
            {
                // Still queued here (a long burst): the worker projects it; projecting it now too would only be
                // wasted work. The marker stays for the next sweep, in case this process dies first.
                return false;
            }

            if (row.GetBoolean("Prepared") == true && await GetAsync(ticket, cancellationToken) is null)
            {
                // A number prepared ahead that no submission used: nothing to finish.
                return true;
            }

            if (row.GetBoolean(WorkflowKeys.FirstCommitFlag) == true)
            {
                await _dispatcher.DispatchHistoryAsync(ticket, cancellationToken);
            }
            else
            {
                await _dispatcher.DispatchAsync(ticket, cancellationToken);
            }

            sweep.CountRecovered();
            _logger.LogInformation("Sweep finished the pending dispatch of ticket {TicketNumber}", ticket);
        }
        else if (row.RowKey.StartsWith(WorkflowKeys.IdempotencyExpiryPrefix, StringComparison.Ordinal) && row.GetString("Partition") is { } partition)
        {
            await _storage.Tickets.DeleteEntityAsync(partition, WorkflowKeys.IdempotencyRow(partition), cancellationToken: cancellationToken);
        }

        return true;
    }

    private async Task DeleteHandledAsync(SweptBucket bucket, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            bucket.Leave(await _dueIndex.DeleteReadRowsAsync(bucket.Name, rows, cancellationToken));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Handled but still indexed: the next sweep finds them again and the decider ignores what already fired.
            _logger.LogWarning(exception, "Sweep could not delete {RowCount} handled rows of bucket {Bucket}", rows.Count, bucket.Name);
            bucket.Leave(rows.Count);
        }
    }

    private async Task<CommandResult?> FireAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var ticket = row.GetString("Ticket");
        if (ticket is null || !Enum.TryParse<TimerKind>(row.GetString("Kind"), out var kind) || row.GetDateTimeOffset("DueAt") is not { } dueAt)
        {
            return null;
        }

        var key = row.GetString("Key") ?? "";
        return await ExecuteAsync(ticket, _ => new TimerElapsed(Actor.System, kind, dueAt, key), null, cancellationToken);
    }
}
