using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Assist.Tests;
using Azure.Data.Tables;

namespace Assist.Storage.Tests.Workflow;

/// <summary>
/// The desk, department queues, overdue board and inbox as stored: keyed in display order so they page by row key,
/// searched by ticket number (a point lookup), by credit code, name part, officer and status; a ticket whose deadline or
/// level changes moves, once; confidential tickets are never found by their enterprise; rows stored before the keying
/// still list and a rebuild moves them.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class ViewSearchTests(AzuriteFixture fixture)
{
    private const string SecretName = "广州市保密样本有限公司";
    private const string SecretCode = "91440101MA5CXXXX08";
    private static readonly Actor Supervisor = Actor.Staff("supervisor.1");
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task ListDepartmentQueue_FiveTicketsTwoPerPage_SoonestDeadlineFirstWithoutRepeatsOrGaps()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var tickets = new List<TicketRecord>();
        foreach (var day in new[] { 2, 3, 3, 4, 5 })
        {
            harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, day, 10, 0, 0, China));
            tickets.Add(await harness.SubmitAsync());
        }

        var pages = new List<TicketPage>();
        string? token = null;
        do
        {
            var page = await harness.ReadModels.ListDepartmentQueueAsync("finance", pageSize: 2, continuationToken: token);
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var expected = tickets.OrderBy(t => t.State.Clock!.Due.At).ThenBy(t => t.Number, StringComparer.Ordinal).Select(t => t.Number);
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(s => s.Number));
        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(expected, (await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items.Select(s => s.Number));
    }

    [Fact]
    public async Task ListDeskAndQueue_ExtensionApproved_TicketAppearsOnceInItsNewPlace()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        var first = await harness.SubmitAsync();
        harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 10, 0, 0, China));
        var second = await harness.SubmitAsync(WorkflowHarness.Form() with { EnterpriseName = "深圳市另一家科技有限公司" });
        var officer = Actor.Staff(first.State.OfficerId!);
        await harness.DoAsync(first.Number, new CheckIn(officer, "finance"));
        await harness.DoAsync(first.Number, new RequestExtension(officer, 5, "需银行总行审批"));
        Assert.Equal([first.Number, second.Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items.Select(s => s.Number));

        var approved = await harness.DoAsync(first.Number, new DecideExtension(Supervisor, true, "同意延期", null));

        Assert.True(approved.Ticket.State.Clock!.Due.At > second.State.Clock!.Due.At);
        var queue = (await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items;
        Assert.Equal([second.Number, first.Number], queue.Select(s => s.Number));
        Assert.Equal(approved.Ticket.State.Clock.Due.At, queue[1].DueAt);
        Assert.Single((await harness.ReadModels.ListDeskAsync(officer.Id)).Items, s => s.Number == first.Number);
        Assert.Equal(approved.Ticket.State.Clock.Due.At, Assert.Single((await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = first.Number })).Items).DueAt);
        // Exactly one row of the ticket per view partition is stored: the old slot was deleted when the new one was written.
        Assert.Single(await RowsOfAsync(harness, WorkflowKeys.DepartmentQueue("finance"), first.Number));
        Assert.Single(await RowsOfAsync(harness, WorkflowKeys.Desk(officer.Id), first.Number));
    }

    [Fact]
    public async Task ListOverdue_HqThenYellow_OrderedByLevelAndMovesWhenTheLevelChanges()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var yellow = await harness.SubmitAsync(WorkflowHarness.Form() with { EnterpriseName = "深圳市黄牌科技有限公司" });
        harness.Time.Advance(TimeSpan.FromHours(1));
        var hq = await harness.SubmitAsync(WorkflowHarness.Form() with { EnterpriseName = "深圳市提级科技有限公司" });
        await harness.DoAsync(hq.Number, new EscalateTicket(Supervisor, "重大问题，提请指挥部协调"));
        Assert.Equal([hq.Number], (await harness.ReadModels.ListOverdueAsync()).Items.Select(s => s.Number));

        // Past the deadline (28 Feb): the other ticket reaches the yellow card and joins the board below the HQ escalation.
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 2, 9, 0, 0, China));

        var board = (await harness.ReadModels.ListOverdueAsync()).Items;
        Assert.Equal([(hq.Number, AttentionLevel.Hq), (yellow.Number, AttentionLevel.Yellow)], board.Select(s => (s.Number, s.Level)));
        Assert.Equal([yellow.Number], (await harness.ReadModels.ListOverdueAsync(new TicketSearch { Text = "黄牌" })).Items.Select(s => s.Number));
        Assert.Equal([hq.Number], (await harness.ReadModels.ListOverdueAsync(pageSize: 1)).Items.Select(s => s.Number));

        // A red card moves the ticket's row (a new slot): it is on the board once.
        await harness.AdvanceToAsync(new DateTimeOffset(2026, 3, 5, 9, 0, 0, China));
        board = (await harness.ReadModels.ListOverdueAsync()).Items;
        Assert.Equal([(hq.Number, AttentionLevel.Hq), (yellow.Number, AttentionLevel.Red)], board.Select(s => (s.Number, s.Level)));
        Assert.Single(await RowsOfAsync(harness, WorkflowKeys.Overdue, yellow.Number));
    }

    [Fact]
    public async Task Search_ConfidentialTicketOfAnEnterprise_NeverFoundByItsNameOrCodeThePlainOneIs()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var plain = await harness.SubmitAsync(WorkflowHarness.Form(enterprise: SecretName) with { CreditCode = SecretCode });
        var secret = await harness.SubmitAsync(WorkflowHarness.Form(enterprise: SecretName, confidential: true) with { CreditCode = SecretCode });

        foreach (var text in new[] { SecretName, "保密样本", SecretCode, SecretCode.ToLowerInvariant() })
        {
            var search = new TicketSearch { Text = text };
            Assert.Equal([plain.Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance", search)).Items.Select(s => s.Number));
            Assert.Equal([plain.Number], (await harness.ReadModels.ListDeskAsync(plain.State.OfficerId!, search)).Items.Select(s => s.Number));
            Assert.DoesNotContain((await harness.ReadModels.ListDeskAsync(secret.State.OfficerId!, search)).Items, s => s.Number == secret.Number);
        }

        // By its number it is found (the number names no enterprise), still without the enterprise.
        var bySecretNumber = Assert.Single((await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = secret.Number })).Items);
        Assert.True(bySecretNumber.Confidential);
        Assert.Null(bySecretNumber.EnterpriseName);
        // Not even the stored row holds the name or the code.
        var row = Assert.Single(await RowsOfAsync(harness, WorkflowKeys.DepartmentQueue("finance"), secret.Number));
        Assert.False(row.ContainsKey("EnterpriseName"));
        Assert.False(row.ContainsKey("CreditCode"));
    }

    [Fact]
    public async Task Search_NamePartOfficerAndStatus_CombineInColumnFiltersAndPageWithoutSkips()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var tickets = new List<TicketRecord>();
        for (var i = 0; i < 7; i++)
        {
            harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2 + i, 10, 0, 0, China));
            tickets.Add(await harness.SubmitAsync(WorkflowHarness.Form(enterprise: i % 2 == 0 ? $"深圳市甲乙科技有限公司{i}" : $"东莞市丙丁制造有限公司{i}")));
        }

        var matching = tickets.Where((_, i) => i % 2 == 0).Select(t => t.Number).ToList();
        var found = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = "甲乙科技" }, pageSize: 1, continuationToken: token);
            found.AddRange(page.Items.Select(s => s.Number));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(matching, found);
        Assert.Equal(matching.Count, pages);
        Assert.Equal(matching, (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = "甲乙科技" }, pageSize: 4)).Items.Select(s => s.Number));

        var officer = tickets[0].State.OfficerId!;
        var byOfficer = (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { OfficerId = officer })).Items;
        Assert.Equal(tickets.Where(t => t.State.OfficerId == officer).Select(t => t.Number), byOfficer.Select(s => s.Number));

        await harness.DoAsync(tickets[2].Number, new CheckIn(Actor.Staff(tickets[2].State.OfficerId!), "finance"));
        await harness.DoAsync(tickets[3].Number, new CheckIn(Actor.Staff(tickets[3].State.OfficerId!), "finance"));
        Assert.Equal([tickets[2].Number, tickets[3].Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Status = TicketStatus.InProgress })).Items.Select(s => s.Number));
        Assert.Equal([tickets[2].Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Status = TicketStatus.InProgress, Text = "甲乙" })).Items.Select(s => s.Number));
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Status = TicketStatus.InProgress, Text = "没有这家企业" })).Items);
    }

    [Fact]
    public async Task Search_TicketNumber_FoundOnlyInTheListsItIsOnAndOnlyIfTheOtherFiltersAgree()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        var other = await harness.SubmitAsync();

        Assert.Equal([ticket.Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = ticket.Number })).Items.Select(s => s.Number));
        Assert.Equal([ticket.Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = ticket.Number.ToLowerInvariant() })).Items.Select(s => s.Number));
        Assert.Equal([ticket.Number], (await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!, new TicketSearch { Text = ticket.Number })).Items.Select(s => s.Number));
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("tax", new TicketSearch { Text = ticket.Number })).Items);
        Assert.Empty((await harness.ReadModels.ListOverdueAsync(new TicketSearch { Text = ticket.Number })).Items);
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = ticket.Number, Status = TicketStatus.Replied })).Items);
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = ticket.Number, OfficerId = "officer.tax.1" })).Items);
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = "2026-0212-ZZZZZZ" })).Items);
        Assert.DoesNotContain(other.Number, (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = ticket.Number })).Items.Select(s => s.Number));
    }

    [Fact]
    public async Task ListDepartmentQueue_RowStoredBeforeTheKeying_StillListsAndIsFoundAndARebuildMovesIt()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        var legacy = await harness.SubmitAsync();
        harness.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 10, 0, 0, China));
        var current = await harness.SubmitAsync();
        var queue = WorkflowKeys.DepartmentQueue("finance");
        await StoreAsBeforeAsync(harness, legacy.Number);

        var listed = (await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items;
        var byNumber = (await harness.ReadModels.ListDepartmentQueueAsync("finance", new TicketSearch { Text = legacy.Number })).Items;

        // Where the bare number sorts: after the rows with a deadline.
        Assert.Equal([current.Number, legacy.Number], listed.Select(s => s.Number));
        Assert.Equal(legacy.State.Clock!.Due.At, listed[1].DueAt);
        Assert.Equal([legacy.Number], byNumber.Select(s => s.Number));
        var page = await harness.ReadModels.ListDepartmentQueueAsync("finance", pageSize: 1);
        Assert.Equal([legacy.Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance", pageSize: 1, continuationToken: page.ContinuationToken)).Items.Select(s => s.Number));

        await harness.Service.RebuildProjectionsAsync();

        Assert.Equal([legacy.Number, current.Number], (await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items.Select(s => s.Number));
        var moved = Assert.Single(await RowsOfAsync(harness, queue, legacy.Number));
        Assert.Equal(WorkflowKeys.DeadlineRow(legacy.State.Clock.Due.At, legacy.Number), moved.RowKey);
    }

    [Fact]
    public async Task ListDesk_RowStoredBeforeTheKeying_TheTicketsNextChangeMovesIt()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        await StoreAsBeforeAsync(harness, ticket.Number);
        var officer = ticket.State.OfficerId!;

        await harness.DoAsync(ticket.Number, new CheckIn(Actor.Staff(officer), "finance"));

        var row = Assert.Single(await RowsOfAsync(harness, WorkflowKeys.Desk(officer), ticket.Number));
        Assert.NotEqual(ticket.Number, row.RowKey);
        Assert.Equal(TicketStatus.InProgress, Assert.Single((await harness.ReadModels.ListDeskAsync(officer)).Items).Status);
    }

    [Fact]
    public async Task ListNotifications_ThreeAssignmentsOnePerPage_NewestFirstByTicketAndUnread()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var tickets = new List<TicketRecord>();
        for (var i = 0; i < 6 && tickets.Count < 3; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(10));
            var ticket = await harness.SubmitAsync();
            if (ticket.State.OfficerId == "officer.finance.1")
            {
                tickets.Add(ticket);
            }
        }

        var seen = new List<Notification>();
        string? token = null;
        do
        {
            var page = await harness.ReadModels.ListNotificationsAsync("officer.finance.1", pageSize: 1, continuationToken: token);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(tickets.Select(t => t.Number).Reverse(), seen.Select(n => n.TicketNumber));
        Assert.Equal([tickets[1].Number], (await harness.ReadModels.ListNotificationsAsync("officer.finance.1", new NotificationSearch(tickets[1].Number))).Items.Select(n => n.TicketNumber));
        Assert.True(await harness.ReadModels.MarkNotificationReadAsync("officer.finance.1", seen[0].Id));
        Assert.Equal(seen.Skip(1).Select(n => n.Id), (await harness.ReadModels.ListNotificationsAsync("officer.finance.1", new NotificationSearch(UnreadOnly: true))).Items.Select(n => n.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.ReadModels.ListNotificationsAsync("officer.finance.1", continuationToken: "not-a-token"));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("1|2|3")]
    [InlineData("abc|2026-0302-ABCDEF")]
    [InlineData("6|0|0639000000000000000|2026-0302-ABCDEF")]
    public async Task ListDepartmentQueue_ForeignToken_Refused(string token)
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => harness.ReadModels.ListDepartmentQueueAsync("finance", continuationToken: token));
    }

    [Fact]
    public async Task ListOverdue_DeskToken_Refused()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        await Assert.ThrowsAsync<ArgumentException>(() => harness.ReadModels.ListOverdueAsync(continuationToken: "0639000000000000000|2026-0302-ABCDEF"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.ReadModels.ListOverdueAsync(pageSize: 201));
    }

    /// <summary>The ticket's rows in one view partition, as stored.</summary>
    private static async Task<List<TableEntity>> RowsOfAsync(WorkflowHarness harness, string partition, string number)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in harness.Storage.Views.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            if (ViewRows.Number(row) == number)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// Puts the ticket's desk and queue rows back the way versions before the display-order keys stored them: named after
    /// the bare ticket number, without the ticket-number and credit-code columns, and listed so by its view tracker.
    /// </summary>
    private static async Task StoreAsBeforeAsync(WorkflowHarness harness, string number)
    {
        var tracker = (await harness.Storage.ReadModels.GetEntityAsync<TableEntity>(WorkflowKeys.ViewTracker(number), WorkflowKeys.ViewTrackerRow(number))).Value;
        var slots = new List<string>();
        foreach (var slot in tracker.GetString("Views").Split('\n'))
        {
            var (partition, rowKey) = ViewRows.ParseSlot(slot, number);
            var row = (await harness.Storage.Views.GetEntityAsync<TableEntity>(partition, rowKey)).Value;
            await harness.Storage.Views.DeleteEntityAsync(partition, rowKey);
            var before = new TableEntity(partition, number);
            foreach (var (key, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or "TicketNumber" or "CreditCode")))
            {
                before[key] = value;
            }

            await harness.Storage.Views.AddEntityAsync(before);
            slots.Add(partition);
        }

        tracker["Views"] = string.Join('\n', slots);
        await harness.Storage.ReadModels.UpdateEntityAsync(tracker, tracker.ETag, TableUpdateMode.Replace);
    }
}
