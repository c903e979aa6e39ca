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
using Assist.Storage.Webhooks;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Assist.Storage.Workflow;

/// <summary>
/// The ticket use cases on Table Storage. A command reads the head row, decides on it (pure), and commits events +
/// head (<c>If-Match</c>) + an outbox row in one entity-group transaction; a racing writer's commit fails with 412
/// and is decided again on fresh state. What happens through time is the <see cref="ITicketLifecycle"/>'s: a
/// submission is committed under a "to be scheduled" marker and handed to it; a command projects what it changed
/// before answering and then wakes it; <see cref="AdvanceAsync"/> is what it calls at each due moment or wake-up.
/// </summary>
public sealed class TicketService
{
    private const string NumberAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int MaxNumberAttempts = 10;

    /// <summary>About how many housekeeping-index rows a sweep reads before it works on them: bounds memory on a long catch-up.</summary>
    private const int SweepWindowRows = 1_000;

    /// <summary>How long the normal path has to schedule a submission before the sweep takes its marker as abandoned.</summary>
    private static readonly TimeSpan DispatchGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most timers one <see cref="AdvanceAsync"/> fires: a clock moved months ahead makes a whole ladder due at
    /// once (each rung may schedule the next), and this bounds one activity's work; the rest follows at once.
    /// </summary>
    private const int MaxTimersPerAdvance = 32;

    /// <summary>The flag row (sweep partition) recording that open tickets were back-filled with orchestrations.</summary>
    private const string BackfillRow = "lifecycle-backfill";

    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly IOutboxDispatcher _dispatcher;
    private readonly AttachmentStore _attachments;
    private readonly WebhookOutbox _webhooks;
    private readonly HousekeepingIndex _housekeeping;
    private readonly Workloads _workloads;
    private readonly ITicketLifecycle? _lifecycle;
    private readonly ILogger _logger;

    /// <summary>
    /// Without a <paramref name="lifecycle"/> engine (tools, storage tests) a submission is projected before it is
    /// answered and nothing runs on its own.
    /// </summary>
    public TicketService(WorkflowStorage storage, DirectoryStore directory, IOutboxDispatcher dispatcher, AttachmentStore attachments, WebhookOutbox webhooks, ITicketLifecycle? lifecycle = null)
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
        _housekeeping = new HousekeepingIndex(storage);
        _workloads = new Workloads(storage);
        _lifecycle = lifecycle;
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

            // The marker goes first, into the housekeeping index: an entity-group transaction cannot span the ticket's
            // partition and an index the repair sweep can read without scanning tickets. A marker whose ticket never
            // committed is dropped by the sweep after its grace.
            var marker = await MarkPendingAsync(number, cancellationToken);
            try
            {
                var batch = await CommitAsync(null, default, TicketState.Initial, decision.Events, request.TrackingCodeHash, now, idempotency, cancellationToken);
                _logger.LogInformation("Ticket {TicketNumber} submitted with {EventCount} events", number, decision.Events.Count);
                if (_lifecycle is null)
                {
                    // No engine (tools, storage tests): project, then route by the rules at once, as the ticket's
                    // orchestration would first do.
                    await DispatchAsync(number, token => _dispatcher.DispatchCommittedAsync(batch, token), marker, cancellationToken);
                    return new SubmitResult.Created(await RouteAsync(number, cancellationToken) ?? batch.Record);
                }

                // The submission is durable: answer now; its orchestration routes, assigns and projects it.
                _lifecycle.Submitted(number, batch.Record.Version, marker);
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
    public Task<CommandResult> ExecuteAsync(string ticketNumber, Func<TicketState, TicketCommand> command, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(ticketNumber, command, expectedVersion, wake: true, cancellationToken);

    /// <summary>
    /// 派单 by the routing rules, and assignment, right after a submission: the ticket orchestration's first activity.
    /// A ticket no rule matches stays with the HQ office; one routed already is left as it is, so a rerun changes nothing.
    /// </summary>
    public async Task<TicketRecord?> RouteAsync(string ticketNumber, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(ticketNumber, _ => new RouteByRules(Actor.System), null, wake: false, cancellationToken);
        return result switch
        {
            CommandResult.Accepted accepted => accepted.Ticket,
            CommandResult.NotFound => null,
            _ => await GetAsync(ticketNumber, cancellationToken),
        };
    }

    /// <summary>
    /// Fires every timer of the ticket that is due on the app clock, in due order (a fired rung may make the next one
    /// due), finishes any projection still owed, and says when the next timer falls due. What the ticket's
    /// orchestration does at each due moment and wake-up; safe to repeat (a timer fires once: the decider ignores
    /// one it no longer holds; projections are idempotent by ticket and version).
    /// </summary>
    public async Task<TicketAdvance> AdvanceAsync(string ticketNumber, CancellationToken cancellationToken = default)
    {
        var fired = 0;
        var tried = new HashSet<TicketTimer>();
        while (true)
        {
            var now = _storage.Time.GetUtcNow();
            var record = await GetAsync(ticketNumber, cancellationToken);
            if (record is null)
            {
                return TicketAdvance.Missing(ticketNumber, now);
            }

            var timers = TicketDecider.Timers(record.State);
            var due = timers.Where(t => t.DueAt <= now && !tried.Contains(t)).OrderBy(t => t.DueAt).ThenBy(t => t.Kind).FirstOrDefault();
            if (due is null || fired >= MaxTimersPerAdvance)
            {
                // A submission's projection, or one a command could not finish, is still owed: the outbox says so.
                await _dispatcher.DispatchAsync(ticketNumber, cancellationToken);
                // A timer tried and still held (it lost every race) keeps the next due moment in the past: soon again.
                var next = timers.Select(t => (DateTimeOffset?)t.DueAt).Min();
                return new TicketAdvance(ticketNumber, record.Version, record.State.Status == TicketStatus.Closed, next, now, fired);
            }

            // Tried once per call: a timer that keeps losing races or is not taken waits for the next call.
            tried.Add(due);
            var result = await ExecuteAsync(ticketNumber, _ => new TimerElapsed(Actor.System, due.Kind, due.DueAt, due.Key), null, wake: false, cancellationToken);
            if (result is CommandResult.Accepted { NewEvents.Count: > 0 })
            {
                fired++;
            }
            else if (result is CommandResult.VersionMismatch)
            {
                _logger.LogWarning("Timer {Kind} of ticket {TicketNumber} kept losing races with other writers; it is tried again at the next advance", due.Kind, ticketNumber);
            }
        }
    }

    /// <summary>
    /// After an administrator loaded a calendar year: asks every open ticket listed as holding a provisional deadline
    /// (<see cref="WorkflowKeys.ProvisionalDeadlines"/>, a single-partition read, no scan of tickets) to recompute, as the
    /// system, through the same path as any command: decide on fresh state, commit, project, wake its orchestration (which
    /// then waits for the new instants). One at a time, in this process, whose directory cache already holds the year: other
    /// instances may still hold the calendar without it. A ticket whose deadlines still lie in a year without data, or that
    /// changed meanwhile, decides nothing; a failure leaves the ticket listed, so loading the year again finishes the work
    /// and moves nothing twice.
    /// </summary>
    public async Task<DeadlineRecomputeReport> RecomputeProvisionalDeadlinesAsync(CancellationToken cancellationToken = default)
    {
        var numbers = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WorkflowKeys.ProvisionalDeadlines}");
        // Rows are keyed in deadline order like the other views (ViewRows.RowKey) and carry the ticket's number; a row
        // written before that column existed is keyed by the number itself.
        await foreach (var row in _storage.Views.QueryAsync<TableEntity>(filter, select: ["RowKey", "TicketNumber"], cancellationToken: cancellationToken))
        {
            numbers.Add(row.GetString("TicketNumber") ?? row.RowKey);
        }

        var recomputed = 0;
        foreach (var number in numbers)
        {
            var result = await ExecuteAsync(number, _ => new RecomputeDeadlines(Actor.System), null, wake: true, cancellationToken);
            if (result is CommandResult.Accepted { NewEvents.Count: > 0 })
            {
                recomputed++;
            }
        }

        _logger.LogInformation("Calendar loaded: {Asked} tickets with a provisional deadline asked to recompute, {Recomputed} changed", numbers.Count, recomputed);
        return new DeadlineRecomputeReport(numbers.Count, recomputed);
    }

    private async Task<CommandResult> ExecuteAsync(string ticketNumber, Func<TicketState, TicketCommand> command, int? expectedVersion, bool wake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!IsTicketNumber(ticketNumber))
        {
            return new CommandResult.NotFound();
        }

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

            try
            {
                var committed = await CommitAsync(record, head.ETag, record.State, decision.Events, record.TrackingCodeHash, record.CreatedAt, null, cancellationToken);
                if (next is RouteByRules)
                {
                    // The rules' assignment moves this instance's counts forward, as a submission's used to.
                    _workloads.Record(decision.Events);
                }
                else
                {
                    // Closing, reassigning or returning changes officers' loads: count the desks again next time.
                    _workloads.Forget();
                }
                // The caller's next page shows the change: project it now. If that fails the outbox row stays, and the
                // ticket's orchestration finishes it when the wake-up (or, failing that, the next due moment) comes.
                await ProjectCommittedAsync(ticketNumber, cancellationToken);
                if (wake && _lifecycle is not null)
                {
                    await WakeAsync(ticketNumber, committed.Record.Version, cancellationToken);
                }

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
        long? unreadable = null;
        await foreach (var row in _storage.Tickets.QueryAsync<TableEntity>(TicketRows.EventFilter(ticketNumber), cancellationToken: cancellationToken))
        {
            var entry = TicketRows.Entry(row);
            entries.Add(entry);
            // A payload edited in storage into something that is no ticket event is a broken ledger to report at its
            // version, not an error: the ledger, its API and the ticket page show where, and the row is left out.
            if (Readable(entry.Payload) is { } @event)
            {
                rows.Add(new LedgerRow((int)entry.Version, @event, entry.Scheme, entry.Payload, entry.PreviousHash, entry.Hash));
            }
            else
            {
                unreadable ??= entry.Version;
            }
        }

        if (entries.Count == 0)
        {
            return null;
        }

        var verification = LedgerHash.Verify(entries);
        if (unreadable is { } version && (verification.IsValid || verification.FirstBrokenVersion > version))
        {
            verification = new LedgerVerification(false, version, "The entry's content is not a ticket event.");
        }

        return new TicketLedger(ticketNumber, rows, verification);
    }

    /// <summary>
    /// Fires due timers up to now, finishes pending dispatches, expires idempotency rows, removes stale uploads,
    /// schedules the webhook deliveries a dead process left queued. Safe to run on several instances at once.
    /// </summary>
    /// <remarks>
    /// Buckets are read in windows of about <see cref="SweepWindowRows"/> rows; a window's due rows are grouped by
    /// ticket, and up to <see cref="WorkflowOptions.SweepConcurrency"/> tickets are worked on at once, each ticket's
    /// rows one after another in due order, so a ticket climbs its escalation ladder in order. A ticket whose row
    /// fails is left alone for the rest of the sweep (its later rungs must not overtake the failed one); its rows stay
    /// in the index and the cursor stops at their bucket, so the next sweep takes them up again.
    /// </remarks>
    private static TicketEvent? Readable(string payload)
    {
        try
        {
            return TicketEventSerializer.Deserialize(payload);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or NotSupportedException or ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var now = _storage.Time.GetUtcNow();
        var nowBucket = WorkflowKeys.Bucket(now);
        var cursorRow = await _storage.DueTimers.FindAsync(WorkflowKeys.SweepPartition, WorkflowKeys.CursorRow, cancellationToken: cancellationToken);
        var from = cursorRow?.GetString("Bucket") ?? WorkflowKeys.Bucket(now - _storage.Options.SweepLookBack);
        var newCursor = WorkflowKeys.Bucket(now - HousekeepingIndex.CursorMargin);
        if (string.CompareOrdinal(newCursor, from) < 0)
        {
            newCursor = from;
        }

        var sweep = new SweepRun(now, started, _storage.Options.SweepTimeBudget);
        string? firstUnfinished = null;
        var left = 0;
        var buckets = await _housekeeping.ListBucketsAsync(from, nowBucket, cancellationToken);
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
                var bucket = new SweptBucket(buckets[next], await _housekeeping.ReadBucketAsync(buckets[next], cancellationToken));
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
                    await _housekeeping.ForgetBucketAsync(bucket.Name, cancellationToken);
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
        var webhooks = await _webhooks.DrainAsync(cancellationToken);
        if (sweep.Ignored + sweep.Recovered + left + uploads + webhooks > 0)
        {
            _logger.LogInformation(
                "Sweep up to {SweptUpTo}: {SchedulesRepaired} submissions' orchestrations made sure of, {LegacyTimersDropped} legacy timer rows dropped, {RowsLeft} due rows left for the next sweep, {UploadsRemoved} uploads removed, {WebhooksScheduled} notifications' webhooks scheduled",
                now,
                sweep.Recovered,
                sweep.Ignored,
                left,
                uploads,
                webhooks);
        }

        return new SweepReport(sweep.Recovered, sweep.Ignored, uploads, webhooks, now, left);
    }

    /// <summary>
    /// Once per storage account: marks every ticket still open from before the Durable orchestrations existed, so the
    /// repair sweep starts an orchestration for each and no open ticket loses its reminders. The one scan of ticket
    /// heads this version makes; a flag row records that it ran (a second instance racing it marks the same tickets,
    /// which only schedules them once).
    /// </summary>
    public async Task<int> BackfillLifecyclesAsync(CancellationToken cancellationToken = default)
    {
        if (await _storage.DueTimers.FindAsync(WorkflowKeys.SweepPartition, BackfillRow, cancellationToken: cancellationToken) is not null)
        {
            return 0;
        }

        var now = _storage.Time.GetUtcNow();
        var marked = 0;
        var heads = TableClient.CreateQueryFilter($"RowKey ge {WorkflowKeys.HeadPrefix} and RowKey lt {WorkflowKeys.PrefixEnd(WorkflowKeys.HeadPrefix)}");
        await foreach (var head in _storage.Tickets.QueryAsync<TableEntity>(heads, select: [nameof(TableEntity.PartitionKey), "Status"], cancellationToken: cancellationToken))
        {
            if (head.GetString("Status") != nameof(TicketStatus.Closed))
            {
                await _housekeeping.PutAsync(HousekeepingIndex.Marker(head.PartitionKey, now), now, cancellationToken);
                marked++;
            }
        }

        try
        {
            await _storage.DueTimers.AddEntityAsync(new TableEntity(WorkflowKeys.SweepPartition, BackfillRow) { ["At"] = now, ["Marked"] = marked }, cancellationToken);
        }
        catch (RequestFailedException exception) when (StorageConflicts.IsAlreadyExists(exception))
        {
            // Another instance back-filled at the same time.
        }

        if (marked > 0)
        {
            _logger.LogInformation("Back-fill: {Count} open tickets marked for the repair sweep to start their orchestrations", marked);
        }

        return marked;
    }

    /// <summary>Rebuilds every read model and counter from the events (an operator command; scans tickets).</summary>
    public async Task<RebuildReport> RebuildProjectionsAsync(CancellationToken cancellationToken = default)
    {
        await ClearAsync(_storage.Views, _ => true, cancellationToken);
        await ClearAsync(_storage.ReadModels, pk => !pk.StartsWith("inbox|", StringComparison.Ordinal), cancellationToken);
        await ClearAsync(_storage.Counters, _ => true, cancellationToken);
        var directory = await _directory.GetAsync(cancellationToken);
        // Rebuilding re-sends nothing: no webhooks, and attachments were committed long ago.
        var projector = new TicketProjector(_storage, new CounterLedger(_storage), null, null);
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
                await _housekeeping.PutAsync(
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
            RouteByRules when state.Submission is { } s => snapshot.Routing.Resolve(s.Topic, s.Enterprise.District, s.Enterprise.Tier)?.LeadDepartmentId,
            RouteTicket c => c.LeadDepartmentId,
            AssignOfficer { OfficerId: null } => state.LeadDepartmentId,
            DecideReturn { Accept: true } c => c.NewLeadDepartmentId,
            _ => null,
        };
        var workloads = department is null
            ? AssignmentSnapshot.Empty
            : await _workloads.LoadAsync(snapshot.Organization, department, snapshot.DesignatedOfficers, cancellationToken);
        return new DecisionContext(snapshot.Policies, snapshot.Calendar, snapshot.Organization, snapshot.Routing, workloads);
    }

    private async Task<ScheduleMarker> MarkPendingAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        var dueAt = _storage.Time.GetUtcNow() + DispatchGrace;
        var row = HousekeepingIndex.Marker(ticketNumber, dueAt);
        var bucket = await _housekeeping.PutAsync(row, dueAt, cancellationToken);
        return new ScheduleMarker(bucket, row.RowKey);
    }

    /// <summary>Wakes the ticket's orchestration after a commit; a lost wake-up is caught by its next due moment.</summary>
    private async Task WakeAsync(string ticketNumber, int version, CancellationToken cancellationToken)
    {
        try
        {
            await _lifecycle!.ChangedAsync(ticketNumber, version, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogWarning(exception, "Could not wake the orchestration of ticket {TicketNumber} after version {Version}; its next due moment catches up", ticketNumber, version);
        }
    }

    private async Task ProjectCommittedAsync(string ticketNumber, CancellationToken cancellationToken)
    {
        try
        {
            await _dispatcher.DispatchAsync(ticketNumber, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogWarning(exception, "Projection of ticket {TicketNumber} failed after commit; its orchestration finishes it", ticketNumber);
        }
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
        // The outbox row says which versions are still to be projected (for a submission: all of them); it lives in the
        // ticket's partition, so it commits with the events, and whoever projects them deletes it.
        string[] outbox = [WorkflowKeys.Outbox(number, state.Version, 0)];
        actions.AddRange(outbox.Select(rowKey => new TableTransactionAction(
            TableTransactionActionType.Add,
            new TableEntity(number, rowKey) { ["FromVersion"] = before.Version + 1, ["ToVersion"] = state.Version })));

        await _storage.Tickets.SubmitTransactionAsync(actions, cancellationToken);
        var record = new TicketRecord(state, trackingCodeHash, createdAt, now, entries[^1].Hash);
        // Only a first commit holds the whole history; later ones are dispatched from the partition.
        return new CommittedBatch(record, current is null ? entries.Select((entry, i) => (entry, events[i])).ToList() : [], before.Version + 1, outbox);
    }

    /// <summary>Without a lifecycle engine: projects a submission before answering, then forgets its marker.</summary>
    private async Task DispatchAsync(string ticketNumber, Func<CancellationToken, Task> dispatch, ScheduleMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            await dispatch(cancellationToken);
            await _housekeeping.DeleteAsync(marker.Bucket, marker.RowKey, cancellationToken);
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
                if (row.GetDateTimeOffset("DueAt") is { } dueAt && dueAt > sweep.Now)
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

    /// <summary>True once the row's work is done; false to keep it for the next sweep.</summary>
    private async Task<bool> HandleDueRowAsync(TableEntity row, SweepRun sweep, CancellationToken cancellationToken)
    {
        if (row.RowKey.StartsWith(WorkflowKeys.TimerPrefix, StringComparison.Ordinal))
        {
            // A ticket timer indexed by a version before the Durable orchestrations: its ticket's orchestration holds
            // it now (the back-fill started one for every open ticket), so the row is only dropped.
            sweep.CountIgnored();
            return true;
        }

        if (row.RowKey.StartsWith(WorkflowKeys.DispatchPrefix, StringComparison.Ordinal))
        {
            var ticket = row.GetString("Ticket") ?? row.RowKey[WorkflowKeys.DispatchPrefix.Length..];
            if (await GetAsync(ticket, cancellationToken) is null)
            {
                // The submission behind the marker never committed (a number prepared ahead, a rejected or failed
                // attempt): nothing to schedule.
                return true;
            }

            if (row.GetBoolean(WorkflowKeys.FirstCommitFlag) == true)
            {
                // A submission committed by a version before the orchestrations wrote no outbox row: project it whole.
                await _dispatcher.DispatchHistoryAsync(ticket, cancellationToken);
            }

            if (_lifecycle is null)
            {
                await _dispatcher.DispatchAsync(ticket, cancellationToken);
            }
            else
            {
                await _lifecycle.EnsureRunningAsync(ticket, cancellationToken);
            }

            sweep.CountRecovered();
            _logger.LogInformation("Sweep made sure ticket {TicketNumber} is scheduled", ticket);
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
            bucket.Leave(await _housekeeping.DeleteReadRowsAsync(bucket.Name, rows, cancellationToken));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Handled but still indexed: the next sweep finds them again and the decider ignores what already fired.
            _logger.LogWarning(exception, "Sweep could not delete {RowCount} handled rows of bucket {Bucket}", rows.Count, bucket.Name);
            bucket.Leave(rows.Count);
        }
    }
}
