using System.Globalization;
using Assist.Domain.Common;
using Assist.Domain.Ledger;
using Assist.Domain.Routing;
using Assist.Domain.Tickets;
using Assist.Storage;
using Assist.Storage.Directory;
using Assist.Storage.Workflow;
using Azure.Data.Tables;

namespace Assist.Bench.Harness;

/// <summary>A ticket decided in memory: its state, its ledger and the rows the engine would hold for it once projected.</summary>
internal sealed record SeededTicket(TicketState State, IReadOnlyList<LedgerEntry> Entries, IReadOnlyList<TicketEvent> Events, DateTimeOffset At);

/// <summary>
/// Seeds many tickets fast, in exactly the engine's storage layout: tickets are decided by the real decider (pure, in
/// memory), then written as the engine's own rows (<see cref="TicketRows"/>, <see cref="ViewRows"/>, <see cref="WorkflowKeys"/>):
/// a ticket partition (head + events) in one entity-group transaction per ticket, several in flight at once; view
/// rows and the per-ticket view trackers (which views the projector already wrote) in transactions of 100 per
/// partition. Nothing is left for a look to project.
/// </summary>
internal sealed class TicketSeeder(WorkflowStorage storage, DirectorySnapshot directory)
{
    private const string TrackingHash = "bench-tracking-code-hash";
    private readonly Dictionary<string, string> _lastAssigned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public static EnterpriseForm Form(int n, string topic) => new(
        "深圳市示例科技有限公司" + n.ToString(CultureInfo.InvariantCulture),
        "9144030071526726XG",
        "城关区",
        "制造业",
        "中型",
        null,
        "张经理",
        "13800138000",
        "Help",
        topic,
        false,
        "流动资金贷款审批缓慢 #" + n.ToString(CultureInfo.InvariantCulture),
        "企业申请的流动资金贷款已提交两个月仍未审批，影响原材料采购，请协调。",
        ValueList.Empty<AttachmentRef>(),
        false,
        true);

    /// <summary>
    /// Submits ticket <paramref name="n"/> at <paramref name="at"/>; officers are chosen as the engine would (fewest open, round robin).
    /// Seeded tickets are numbered <c>B{date}-{n}</c> unless a <paramref name="number"/> is given.
    /// </summary>
    /// <param name="routed">Routed and assigned as the orchestration's first step does (the views); false for the intake
    /// ceiling, which writes what a submission commits.</param>
    public SeededTicket Submit(int n, DateTimeOffset at, string topic, bool staysOpen = true, string? number = null, bool routed = true)
    {
        number ??= "B" + at.ToString("yyMMdd", CultureInfo.InvariantCulture) + "-" + n.ToString("D7", CultureInfo.InvariantCulture);
        var context = new DecisionContext(
            directory.Policies,
            directory.Calendar,
            directory.Organization,
            directory.Routing,
            new AssignmentSnapshot(_open, _lastAssigned, new Dictionary<string, string>()));
        var decision = TicketDecider.Decide(TicketState.Initial, new SubmitTicket(Actor.Enterprise, Guid.NewGuid().ToString("N"), number, Form(n, topic)), at, context);
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"The seed form was rejected: {rejection.Code} {rejection.Reason}");
        }

        // The submission commits the enterprise's form only; routing and assignment are the orchestration's first step
        // (RouteByRules), decided here at the same instant.
        var submitted = Build(TicketState.Initial, LedgerHash.Genesis, [], [], decision.Events.ToList(), at);
        if (!routed)
        {
            return submitted;
        }

        var routing = TicketDecider.Decide(submitted.State, new RouteByRules(Actor.System), at, context);
        if (routing.Rejection is { } refused)
        {
            throw new InvalidOperationException($"The seed ticket was not routed: {refused.Code} {refused.Reason}");
        }

        var events = routing.Events.ToList();
        foreach (var assigned in events.OfType<OfficerAssigned>())
        {
            _lastAssigned[assigned.DepartmentId] = assigned.OfficerId;
            if (staysOpen)
            {
                _open[assigned.OfficerId] = _open.GetValueOrDefault(assigned.OfficerId) + 1;
            }
        }

        return Build(submitted.State, submitted.Entries[^1].Hash, submitted.Entries, submitted.Events, events, at);
    }

    /// <summary>Lets the ticket's timers of <paramref name="kinds"/> fire at their due instants (blue, then yellow: on the overdue board).</summary>
    public SeededTicket Fire(SeededTicket ticket, params TimerKind[] kinds)
    {
        var context = new DecisionContext(directory.Policies, directory.Calendar, directory.Organization, directory.Routing, AssignmentSnapshot.Empty);
        var current = ticket;
        foreach (var kind in kinds)
        {
            var timer = TicketDecider.Timers(current.State).First(t => t.Kind == kind);
            var decision = TicketDecider.Decide(current.State, new TimerElapsed(Actor.System, timer.Kind, timer.DueAt, timer.Key), timer.DueAt, context);
            current = Build(current.State, current.Entries[^1].Hash, current.Entries, current.Events, decision.Events.ToList(), timer.DueAt);
        }

        return current;
    }

    public static TicketRecord Record(SeededTicket ticket) => new(ticket.State, TrackingHash, ticket.Events[0].At, ticket.At, ticket.Entries[^1].Hash);

    /// <summary>Head and events of each ticket, one transaction per ticket, <paramref name="concurrency"/> in flight.</summary>
    public Task WriteTicketsAsync(IEnumerable<SeededTicket> tickets, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(tickets, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (ticket, token) =>
        {
            var number = ticket.State.TicketNumber;
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, TicketRows.Head(ticket.State, TrackingHash, ticket.Events[0].At, ticket.At, ticket.Entries[^1].Hash, null)),
            };
            actions.AddRange(ticket.Entries.Select((entry, i) => new TableTransactionAction(TableTransactionActionType.Add, TicketRows.Event(number, entry, ticket.Events[i]))));
            await storage.Tickets.SubmitTransactionAsync(actions, token);
        });

    /// <summary>
    /// The view rows (desk, department queue, overdue board, supervisors' worklist) and view trackers the projector would have written. No
    /// orchestrations: the seeded tickets only hold still for views that read them.
    /// </summary>
    public async Task WriteProjectionsAsync(IReadOnlyList<SeededTicket> tickets, int concurrency, CancellationToken cancellationToken)
    {
        var hq = directory.Organization.HqOffice?.Id;
        var views = new List<TableEntity>();
        var trackers = new List<TableEntity>();
        foreach (var ticket in tickets)
        {
            var record = Record(ticket);
            var rows = ViewRows.Rows(record, hq);
            views.AddRange(rows.Values);
            trackers.Add(new TableEntity(WorkflowKeys.ViewTracker(ticket.State.TicketNumber), WorkflowKeys.ViewTrackerRow(ticket.State.TicketNumber))
            {
                ["Version"] = ticket.State.Version,
                ["Views"] = string.Join('\n', rows.Keys),
            });
        }

        await WriteGroupedAsync(storage.Views, views, concurrency, cancellationToken);
        await WriteGroupedAsync(storage.ReadModels, trackers, concurrency, cancellationToken);
    }

    /// <summary>Rows grouped by partition, in transactions of up to 100 (a lone row is one transaction too).</summary>
    public static Task WriteGroupedAsync(TableClient table, IEnumerable<TableEntity> rows, int concurrency, CancellationToken cancellationToken)
    {
        var chunks = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(TableStorage.MaxTransactionActions)).ToList();
        return Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (chunk, token) =>
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));
    }

    private static SeededTicket Build(TicketState before, string previousHash, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<TicketEvent> events, List<TicketEvent> added, DateTimeOffset at)
    {
        if (added.Count == 0)
        {
            return new SeededTicket(before, entries, events, at);
        }

        var chained = LedgerHash.Chain(added, previousHash, before.Version + 1);
        return new SeededTicket(TicketDecider.Replay(added, before), [.. entries, .. chained], [.. events, .. added], at);
    }
}
