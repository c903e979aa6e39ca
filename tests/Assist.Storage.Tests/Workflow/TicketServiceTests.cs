using Assist.Domain.Ledger;
using Assist.Domain.Tickets;
using Assist.Storage.Pipeline;
using Assist.Storage.Workflow;
using Assist.Tests;
using Azure.Data.Tables;

namespace Assist.Storage.Tests.Workflow;

[Collection(UsesAzurite.Name)]
public sealed class TicketServiceTests(AzuriteFixture fixture)
{
    [Fact]
    public async Task SubmitAsync_RoutedTopic_RoutesAssignsAndShowsOnDeskAndQueue()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var ticket = await harness.SubmitAsync();

        Assert.Matches("^2026-0212-[2-9A-HJKMNP-Z]{6}$", ticket.Number);
        Assert.Equal(TicketStatus.Routed, ticket.State.Status);
        Assert.Equal("finance", ticket.State.LeadDepartmentId);
        Assert.StartsWith("officer.finance.", ticket.State.OfficerId, StringComparison.Ordinal);
        var desk = (await harness.ReadModels.ListDeskAsync(ticket.State.OfficerId!)).Items;
        Assert.Equal(ticket.Number, Assert.Single(desk).Number);
        Assert.Equal("深圳市示例科技有限公司", desk[0].EnterpriseName);
        Assert.Equal(ticket.Version, desk[0].Version);
        Assert.Equal(ticket.Number, Assert.Single((await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items).Number);
        var stored = await harness.Service.GetAsync(ticket.Number);
        Assert.Equal(ticket.State, stored!.State);
        Assert.Equal("hash-of-tracking-code", stored.TrackingCodeHash);
    }

    [Fact]
    public async Task SubmitAsync_TwoTickets_AssignsBalancedOfficers()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var first = await harness.SubmitAsync();
        var second = await harness.SubmitAsync();

        Assert.NotEqual(first.State.OfficerId, second.State.OfficerId);
    }

    [Fact]
    public async Task SubmitAsync_ConfidentialTicket_HidesEnterpriseInStaffViews()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var ticket = await harness.SubmitAsync(WorkflowHarness.Form(confidential: true));

        var row = Assert.Single((await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items);
        Assert.True(row.Confidential);
        Assert.Null(row.EnterpriseName);
        Assert.Equal(ticket.Number, row.Number);
    }

    [Fact]
    public async Task SubmitAsync_SameIdempotencyKeyTwice_ReturnsFirstTicketAndPayload()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var request = new SubmitRequest(WorkflowHarness.Form(), Actor.Enterprise, "hash", "key-123", "{\"body\":1}");

        var first = Assert.IsType<SubmitResult.Created>(await harness.Service.SubmitAsync(request));
        var again = Assert.IsType<SubmitResult.Replayed>(await harness.Service.SubmitAsync(request with { IdempotencyPayload = "other" }));

        Assert.Equal(first.Ticket.Number, again.Ticket.Number);
        Assert.Equal("{\"body\":1}", again.IdempotencyPayload);
        Assert.Single((await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items);
    }

    [Fact]
    public async Task SubmitAsync_SameIdempotencyKeyWithAnotherForm_KeyMismatchAndNothingCreated()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var request = new SubmitRequest(WorkflowHarness.Form(), Actor.Enterprise, "hash", "key-456", "{\"body\":1}");
        var first = Assert.IsType<SubmitResult.Created>(await harness.Service.SubmitAsync(request));

        var other = await harness.Service.SubmitAsync(request with { Form = WorkflowHarness.Form(topic: "TAX") });
        var same = await harness.Service.SubmitAsync(request);

        Assert.Equal(first.Ticket.Number, Assert.IsType<SubmitResult.KeyMismatch>(other).TicketNumber);
        Assert.Equal(first.Ticket.Number, Assert.IsType<SubmitResult.Replayed>(same).Ticket.Number);
        Assert.Single((await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items);
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("tax")).Items);
    }

    [Fact]
    public async Task SubmitAsync_SameKeyConcurrently_CreatesOneTicket()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var request = new SubmitRequest(WorkflowHarness.Form(), Actor.Enterprise, "hash", "key-race", "payload");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => harness.Service.SubmitAsync(request)));

        var numbers = results.Select(r => r switch
        {
            SubmitResult.Created c => c.Ticket.Number,
            SubmitResult.Replayed p => p.Ticket.Number,
            _ => throw new Xunit.Sdk.XunitException(r.ToString()),
        }).Distinct().ToList();
        Assert.Single(numbers);
        Assert.Single((await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items);
    }

    [Fact]
    public async Task SubmitAsync_InvalidForm_RejectedWithFieldErrorsAndNothingStored()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        var result = await harness.Service.SubmitAsync(new SubmitRequest(WorkflowHarness.Form() with { CreditCode = "123" }, Actor.Enterprise, "hash", "key-bad", null));

        var rejected = Assert.IsType<SubmitResult.Rejected>(result);
        Assert.Equal(RejectionCodes.ValidationFailed, rejected.Rejection.Code);
        Assert.Empty((await harness.ReadModels.ListDepartmentQueueAsync("finance")).Items);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownTicket_NotFound()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);

        Assert.IsType<CommandResult.NotFound>(await harness.Service.ExecuteAsync("2026-0101-AAAAAA", s => new CheckIn(Actor.Staff("head.finance"), "finance")));
        Assert.IsType<CommandResult.NotFound>(await harness.Service.ExecuteAsync("../etc", s => new CheckIn(Actor.Staff("head.finance"), "finance")));
    }

    [Fact]
    public async Task ExecuteAsync_WrongExpectedVersion_VersionMismatchAndNothingCommitted()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();

        var result = await harness.Service.ExecuteAsync(ticket.Number, _ => new CheckIn(Actor.Staff(ticket.State.OfficerId!), "finance"), ticket.Version - 1);

        Assert.Equal(ticket.Version, Assert.IsType<CommandResult.VersionMismatch>(result).CurrentVersion);
        Assert.Equal(ticket.Version, (await harness.Service.GetAsync(ticket.Number))!.Version);
    }

    [Fact]
    public async Task ExecuteAsync_CommandNotAllowed_RejectedWithReason()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();

        var result = await harness.Service.ExecuteAsync(ticket.Number, _ => new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, null));

        Assert.Equal(RejectionCodes.NotAllowedInStatus, Assert.IsType<CommandResult.Rejected>(result).Rejection.Code);
    }

    [Fact]
    public async Task ExecuteAsync_TwoOfficersAtOnce_OneWinsTheOtherReDecides()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        var officer = Actor.Staff(ticket.State.OfficerId!);

        var results = await Task.WhenAll(
            harness.Service.ExecuteAsync(ticket.Number, _ => new CheckIn(officer, "finance")),
            harness.Service.ExecuteAsync(ticket.Number, _ => new CheckIn(Actor.Staff("head.finance"), "finance")));

        Assert.Single(results, r => r is CommandResult.Accepted { NewEvents.Count: 1 });
        var loser = Assert.IsType<CommandResult.Rejected>(Assert.Single(results, r => r is not CommandResult.Accepted));
        Assert.Equal(RejectionCodes.AlreadySignedIn, loser.Rejection.Code);
        Assert.Equal(ticket.Version + 1, (await harness.Service.GetAsync(ticket.Number))!.Version);
    }

    [Fact]
    public async Task ExecuteAsync_TwoWritersWithSameExpectedVersion_OneWinsTheOtherGetsVersionMismatch()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var submitted = await harness.SubmitAsync();
        var officer = Actor.Staff(submitted.State.OfficerId!);
        var ticket = (await harness.DoAsync(submitted.Number, new CheckIn(officer, "finance"))).Ticket;

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            harness.Service.ExecuteAsync(ticket.Number, _ => new RecordProgress(officer, $"note {i}"), ticket.Version)));

        Assert.Single(results, r => r is CommandResult.Accepted);
        Assert.All(results.Where(r => r is not CommandResult.Accepted), r => Assert.Equal(ticket.Version + 1, Assert.IsType<CommandResult.VersionMismatch>(r).CurrentVersion));
    }

    [Fact]
    public async Task GetLedgerAsync_CommittedEvents_VerifyAndTamperingIsDetected()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        await harness.DoAsync(ticket.Number, new CheckIn(Actor.Staff(ticket.State.OfficerId!), "finance"));

        var ledger = await harness.Service.GetLedgerAsync(ticket.Number);

        Assert.True(ledger!.Verification.IsValid);
        Assert.Equal(Enumerable.Range(1, ticket.Version + 1), ledger.Entries.Select(e => e.Version));
        Assert.Equal(LedgerHash.Genesis, ledger.Entries[0].PreviousHash);
        Assert.IsType<DepartmentSignedIn>(ledger.Entries[^1].Event);
        Assert.Equal(ledger.Entries[^1].Hash, (await harness.Service.GetAsync(ticket.Number))!.LastHash);

        var tickets = harness.Clients.Tables.GetTableClient(harness.Storage.Options.StorageNamePrefix + "Tickets");
        TableEntity row = await tickets.GetEntityAsync<TableEntity>(ticket.Number, WorkflowKeys.Event(ticket.Number, 2));
        row["Payload"] = row.GetString("Payload")!.Replace("\"finance\"", "\"market\"", StringComparison.Ordinal);
        await tickets.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);

        var tampered = await harness.Service.GetLedgerAsync(ticket.Number);
        Assert.False(tampered!.Verification.IsValid);
        Assert.Equal(2, tampered.Verification.FirstBrokenVersion);
    }

    [Fact]
    public async Task GetLedgerAsync_PayloadEditedIntoSomethingNotAnEvent_BrokenAtThatVersionNotAnError()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        await harness.DoAsync(ticket.Number, new CheckIn(Actor.Staff(ticket.State.OfficerId!), "finance"));
        var tickets = harness.Clients.Tables.GetTableClient(harness.Storage.Options.StorageNamePrefix + "Tickets");
        TableEntity row = await tickets.GetEntityAsync<TableEntity>(ticket.Number, WorkflowKeys.Event(ticket.Number, 2));
        row["Payload"] = row.GetString("Payload")![..20];
        await tickets.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge);

        var tampered = await harness.Service.GetLedgerAsync(ticket.Number);

        Assert.False(tampered!.Verification.IsValid);
        Assert.Equal(2, tampered.Verification.FirstBrokenVersion);
        Assert.DoesNotContain(tampered.Entries, e => e.Version == 2);
        Assert.Contains(tampered.Entries, e => e.Version == 1);
    }

    [Fact]
    public async Task GetLedgerAsync_RowsWrittenBeforeSchemeTwo_VerifyAndTheNextCommitContinuesUnderSchemeTwo()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var ticket = await harness.SubmitAsync();
        var tickets = harness.Clients.Tables.GetTableClient(harness.Storage.Options.StorageNamePrefix + "Tickets");

        // Rewrite the ticket's rows as the first scheme wrote them: no Scheme column, hash over the payload's bytes.
        var previous = LedgerHash.Genesis;
        for (var version = 1; version <= ticket.Version; version++)
        {
            TableEntity row = await tickets.GetEntityAsync<TableEntity>(ticket.Number, WorkflowKeys.Event(ticket.Number, version));
            Assert.Equal(LedgerHash.DigestScheme, row.GetInt32("Scheme"));
            row.Remove("Scheme");
            row["PrevHash"] = previous;
            row["Hash"] = previous = LedgerHash.Compute(previous, System.Text.Encoding.UTF8.GetBytes(row.GetString("Payload")!));
            await tickets.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }

        TableEntity head = await tickets.GetEntityAsync<TableEntity>(ticket.Number, WorkflowKeys.Head(ticket.Number));
        head["LastHash"] = previous;
        await tickets.UpdateEntityAsync(head, head.ETag, TableUpdateMode.Merge);

        await harness.DoAsync(ticket.Number, new CheckIn(Actor.Staff(ticket.State.OfficerId!), "finance"));
        var ledger = await harness.Service.GetLedgerAsync(ticket.Number);

        Assert.True(ledger!.Verification.IsValid, ledger.Verification.Problem);
        Assert.All(ledger.Entries.SkipLast(1), e => Assert.Equal(LedgerHash.PayloadScheme, e.Scheme));
        Assert.Equal(LedgerHash.DigestScheme, ledger.Entries[^1].Scheme);
        Assert.Equal(previous, ledger.Entries[^1].PreviousHash);
    }

    [Fact]
    public async Task ExecuteAsync_Command_UsesOneEntityGroupTransaction()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        await harness.Directory.GetAsync();
        var start = harness.Clients.Metering.Snapshot();
        var ticket = await harness.SubmitAsync();
        var submitted = harness.Clients.Metering.Snapshot();
        var officer = Actor.Staff(ticket.State.OfficerId!);
        await harness.DoAsync(ticket.Number, new CheckIn(officer, "finance"));
        var before = harness.Clients.Metering.Snapshot();
        Console.WriteLine($"SubmitTicket: {submitted.Since(start)}");
        Console.WriteLine($"CheckIn: {before.Since(submitted)}");

        await harness.DoAsync(ticket.Number, new RecordProgress(officer, "called the bank"));

        // The commit is one transaction; the second is the dispatcher deleting the done outbox row.
        var used = harness.Clients.Metering.Snapshot().Since(before);
        Assert.Equal(2, used[StorageOperationKind.TableBatch]);
        Console.WriteLine($"RecordProgress: {used}");
    }
}
