using Assist.Domain.Common;
using Assist.Domain.CommonIssues;
using Assist.Domain.Organization;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Workflow;

namespace Assist.Storage.CommonIssues;

/// <summary>A common issue with its member tickets as they stand (null: a member number whose ticket is gone).</summary>
public sealed record CommonIssueWithMembers(CommonIssue Issue, IReadOnlyList<TicketRecord> Members)
{
    /// <summary>Members still waiting for an accepted answer (not closed).</summary>
    public int OpenMembers => Members.Count(m => m.State.Status != TicketStatus.Closed);
}

/// <summary>What became of one member when a common issue was created, grew or was answered.</summary>
public sealed record MemberOutcome(string Number, bool Done, Rejection? Rejection);

/// <summary>Creating a common issue: the issue (null when nothing was valid) and what became of each ticket named.</summary>
public sealed record CommonIssueChange(CommonIssue? Issue, IReadOnlyList<MemberOutcome> Outcomes);

/// <summary>
/// 共性问题: supervisors group tickets that describe the same problem under one lead department, which answers them all
/// at once; each member keeps its own enterprise confirmation and rating. Membership and the coordinated answer go
/// through each ticket's own decider (<see cref="JoinCommonIssue"/>, <see cref="Reply"/> with the issue), so the
/// ledger records them and every rule of the lifecycle holds; the issue's row lists its members and keeps its answer.
/// </summary>
public sealed class CommonIssueService
{
    /// <summary>The most members one issue takes (an issue is read whole, with a point read per member).</summary>
    public const int MaxMembers = 200;

    private readonly WorkflowStorage _storage;
    private readonly DirectoryStore _directory;
    private readonly TicketService _tickets;
    private readonly ReportService _reports;
    private readonly CommonIssueStore _store;

    public CommonIssueService(WorkflowStorage storage, DirectoryStore directory, TicketService tickets, ReportService reports)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tickets = tickets ?? throw new ArgumentNullException(nameof(tickets));
        _reports = reports ?? throw new ArgumentNullException(nameof(reports));
        _store = new CommonIssueStore(storage);
    }

    public static bool IsId(string? value) => CommonIssueStore.IsId(value);

    /// <summary>Every common issue with its members, the most open members first (HQ looks at the largest first).</summary>
    public async Task<IReadOnlyList<CommonIssueWithMembers>> ListAsync(CancellationToken cancellationToken = default)
    {
        var issues = new List<CommonIssueWithMembers>();
        foreach (var (issue, _) in await _store.ListAsync(cancellationToken))
        {
            issues.Add(new CommonIssueWithMembers(issue, await MembersAsync(issue, cancellationToken)));
        }

        return [.. issues.OrderByDescending(i => i.OpenMembers).ThenByDescending(i => i.Members.Count).ThenBy(i => i.Issue.CreatedAt)];
    }

    public async Task<CommonIssueWithMembers?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _store.GetAsync(id, cancellationToken) is { } found ? new CommonIssueWithMembers(found.Issue, await MembersAsync(found.Issue, cancellationToken)) : null;

    /// <summary>
    /// Creates an issue led by <paramref name="leadDepartmentId"/> and asks each ticket to join it (the decider checks the
    /// supervisor and the ticket). Nothing is stored unless at least one ticket exists and may join; tickets that may not
    /// are named with why.
    /// </summary>
    public async Task<CommonIssueChange> CreateAsync(string title, string leadDepartmentId, IReadOnlyList<string> numbers, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var directory = await _directory.GetAsync(cancellationToken);
        var outcomes = new List<MemberOutcome>();
        var joinable = new List<TicketRecord>();
        foreach (var number in numbers.Distinct(StringComparer.Ordinal))
        {
            var record = await _tickets.GetAsync(number, cancellationToken);
            var refused = record is null ? NotFound(number) : Refusal(record.State, leadDepartmentId, directory.Organization);
            if (refused is null)
            {
                joinable.Add(record!);
            }
            else
            {
                outcomes.Add(new MemberOutcome(number, false, refused));
            }
        }

        if (joinable.Count == 0)
        {
            return new CommonIssueChange(null, outcomes);
        }

        var first = joinable[0].State.Submission!;
        var issue = new CommonIssue(
            CommonIssueStore.NewId(_storage.Time.GetUtcNow(), directory.Calendar.UtcOffset),
            title,
            first.Topic,
            first.Enterprise.District,
            leadDepartmentId,
            by.Id,
            _storage.Time.GetUtcNow(),
            ValueList.Empty<string>(),
            null);
        await _store.AddAsync(issue, cancellationToken);
        var (updated, joined) = await JoinAsync(issue.Id, joinable.Select(r => r.Number), by, cancellationToken);
        outcomes.AddRange(joined);
        return new CommonIssueChange(updated, [.. outcomes.OrderBy(o => numbers.ToList().IndexOf(o.Number))]);
    }

    /// <summary>Asks more tickets to join an existing issue; null when the issue does not exist.</summary>
    public async Task<CommonIssueChange?> AddMembersAsync(string id, IReadOnlyList<string> numbers, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (await _store.GetAsync(id, cancellationToken) is not { } found)
        {
            return null;
        }

        var outcomes = new List<MemberOutcome>();
        var known = new List<string>();
        foreach (var number in numbers.Distinct(StringComparer.Ordinal))
        {
            if (await _tickets.GetAsync(number, cancellationToken) is null)
            {
                outcomes.Add(new MemberOutcome(number, false, NotFound(number)));
            }
            else
            {
                known.Add(number);
            }
        }

        var (updated, joined) = await JoinAsync(found.Issue.Id, known, by, cancellationToken);
        outcomes.AddRange(joined);
        return new CommonIssueChange(updated, outcomes);
    }

    /// <summary>
    /// The coordinated answer: recorded on the issue and given as the reply (答复) of every member waiting for one (in
    /// progress); each member's enterprise then confirms and rates it on its own. Members not ready for a reply (not
    /// signed in, waiting for information, replied already) are named with why; answering again later reaches them.
    /// Null when the issue does not exist.
    /// </summary>
    public async Task<IReadOnlyList<MemberOutcome>?> AnswerAsync(string id, string text, bool resolved, Actor by, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await _store.GetAsync(id, cancellationToken) is not { } found)
            {
                return null;
            }

            var answered = found.Issue with { Answer = new CoordinatedAnswer(text, resolved, by.Id, _storage.Time.GetUtcNow()) };
            if (!await _store.ReplaceAsync(answered, found.ETag, cancellationToken))
            {
                continue;
            }

            var outcomes = new List<MemberOutcome>();
            foreach (var number in found.Issue.Members)
            {
                var result = await _tickets.ExecuteAsync(number, _ => new Reply(by, text, resolved, id), cancellationToken: cancellationToken);
                outcomes.Add(Outcome(number, result));
            }

            return outcomes;
        }

        throw new InvalidOperationException($"Common issue {id} kept changing while it was answered.");
    }

    /// <summary>Suggested groups among the open tickets received in the last 30 days (this month and the one before), largest first.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<CandidateTicket>>> SuggestGroupsAsync(CancellationToken cancellationToken = default) =>
        CommonIssueCandidates.Groups(await RecentAsync(_storage.Time.GetUtcNow(), cancellationToken));

    /// <summary>Open tickets like <paramref name="number"/> received within 30 days of it; null when there is no such ticket.</summary>
    public async Task<IReadOnlyList<Candidate>?> SuggestForAsync(string number, CancellationToken cancellationToken = default)
    {
        if (await _tickets.GetAsync(number, cancellationToken) is not { State.Submission: { } submission } record)
        {
            return null;
        }

        var target = new CandidateTicket(record.Number, submission.Title, submission.Topic, submission.Enterprise.District, record.State.SubmittedAt ?? record.CreatedAt, record.State.Status != TicketStatus.Closed, record.State.CommonIssueId);
        return CommonIssueCandidates.Like(target, await RecentAsync(target.ReceivedAt, cancellationToken));
    }

    private async Task<(CommonIssue? Issue, List<MemberOutcome> Outcomes)> JoinAsync(string id, IEnumerable<string> numbers, Actor by, CancellationToken cancellationToken)
    {
        var outcomes = new List<MemberOutcome>();
        var added = new List<string>();
        CommonIssue? lead = (await _store.GetAsync(id, cancellationToken))?.Issue;
        foreach (var number in numbers)
        {
            if (lead is null)
            {
                break;
            }

            if (lead.Members.Count + added.Count >= MaxMembers && !lead.Members.Contains(number))
            {
                outcomes.Add(new MemberOutcome(number, false, new Rejection(RejectionCodes.InvalidArgument, $"A common issue takes at most {MaxMembers} tickets.", $"一个共性问题最多归并{MaxMembers}件工单。")));
                continue;
            }

            var result = await _tickets.ExecuteAsync(number, _ => new JoinCommonIssue(by, id, lead.LeadDepartmentId), cancellationToken: cancellationToken);
            var outcome = Outcome(number, result);
            outcomes.Add(outcome);
            if (outcome.Done)
            {
                added.Add(number);
            }
        }

        // The tickets joined (their ledgers say so); list them on the issue, retrying on a concurrent change.
        for (var attempt = 0; attempt < 5 && added.Count > 0; attempt++)
        {
            var found = await _store.GetAsync(id, cancellationToken);
            if (found is null)
            {
                break;
            }

            var members = found.Value.Issue.Members.Concat(added).Distinct(StringComparer.Ordinal).ToValueList();
            var updated = found.Value.Issue with { Members = members };
            if (await _store.ReplaceAsync(updated, found.Value.ETag, cancellationToken))
            {
                return (updated, outcomes);
            }
        }

        return ((await _store.GetAsync(id, cancellationToken))?.Issue, outcomes);
    }

    private async Task<List<TicketRecord>> MembersAsync(CommonIssue issue, CancellationToken cancellationToken)
    {
        var members = new List<TicketRecord>(issue.Members.Count);
        foreach (var number in issue.Members)
        {
            if (await _tickets.GetAsync(number, cancellationToken) is { } record)
            {
                members.Add(record);
            }
        }

        return members;
    }

    /// <summary>The ledger's open tickets received in the 30 days up to <paramref name="until"/> (the months it spans; one partition each).</summary>
    private async Task<List<CandidateTicket>> RecentAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var calendar = (await _directory.GetAsync(cancellationToken)).Calendar;
        var from = until - CommonIssueCandidates.DefaultWindow;
        var months = new[] { from, until }
            .Select(t => t.ToOffset(calendar.UtcOffset))
            .Select(t => (t.Year, t.Month))
            .Distinct();
        var tickets = new List<CandidateTicket>();
        foreach (var (year, month) in months)
        {
            await foreach (var line in _reports.StreamLedgerAsync(new LedgerQuery(ReportPeriod.Month(year, month)), cancellationToken))
            {
                if (line.ReceivedAt >= from && line.ReceivedAt <= until.AddDays(1))
                {
                    tickets.Add(new CandidateTicket(line.Number, line.Title, line.Topic, line.District, line.ReceivedAt, line.Status != TicketStatus.Closed, line.CommonIssueId));
                }
            }
        }

        return tickets;
    }

    /// <summary>
    /// Why a ticket cannot join before anything is stored (the decider decides again when it joins): the lead department
    /// is unknown, the ticket's status does not allow it, or it belongs to another issue already.
    /// </summary>
    private static Rejection? Refusal(TicketState state, string leadDepartmentId, OrganizationDirectory directory)
    {
        if (directory.FindDepartment(leadDepartmentId) is null)
        {
            return new Rejection(RejectionCodes.UnknownDepartment, $"Department '{leadDepartmentId}' does not exist or is inactive.", $"部门“{leadDepartmentId}”不存在或已停用。");
        }

        if (!TicketTransitions.Allows(state.Status, new JoinCommonIssue(Actor.System, "", leadDepartmentId)))
        {
            return new Rejection(
                RejectionCodes.NotAllowedInStatus,
                $"Ticket {state.TicketNumber} is {state.Status}: only open tickets join a common issue.",
                $"工单{state.TicketNumber}当前状态为“{TicketTransitions.NameZh(state.Status)}”，只有在办工单可以归入共性问题。");
        }

        return state.CommonIssueId is { } other
            ? new Rejection(RejectionCodes.InAnotherCommonIssue, $"Ticket {state.TicketNumber} already belongs to common issue {other}.", $"工单{state.TicketNumber}已归入共性问题{other}。")
            : null;
    }

    private static Rejection NotFound(string number) =>
        new(RejectionCodes.InvalidArgument, $"There is no ticket {number}.", $"没有编号为{number}的工单。");

    private static MemberOutcome Outcome(string number, CommandResult result) => result switch
    {
        CommandResult.Accepted => new MemberOutcome(number, true, null),
        CommandResult.Rejected rejected => new MemberOutcome(number, false, rejected.Rejection),
        _ => new MemberOutcome(number, false, NotFound(number)),
    };
}
