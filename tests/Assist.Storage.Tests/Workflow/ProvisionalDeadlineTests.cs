using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Assist.Tests;

namespace Assist.Storage.Tests.Workflow;

/// <summary>
/// Issue 20 in storage: the open tickets holding a provisional deadline are listed by the projector, and loading the
/// year asks exactly those to recompute, through the ordinary command path, once.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class ProvisionalDeadlineTests(AzuriteFixture fixture)
{
    /// <summary>Monday 2026-12-28 10:00: a help request's 7 working days end in 2027, whose notice is not shipped.</summary>
    private static readonly DateTimeOffset Received = new(2026, 12, 28, 10, 0, 0, TimeSpan.FromHours(8));

    private const string Calendar2027 = """
        {"year":2027,"papers":["https://www.gov.cn/example/2027.htm"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}
        """;

    [Fact]
    public async Task RecomputeProvisionalDeadlines_YearLoaded_OpenTicketRecomputedOnceClosedOneNotAsked()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture, Received);
        var open = await harness.SubmitAsync();
        var closed = await harness.SubmitAsync();
        var officer = Actor.Staff(closed.State.OfficerId!);
        await harness.DoAsync(closed.Number, new CheckIn(officer, closed.State.LeadDepartmentId!));
        await harness.DoAsync(closed.Number, new Reply(officer, "已协调银行放款", Resolved: true));
        await harness.DoAsync(closed.Number, new Confirm(Actor.Enterprise, SatisfactionRating.Satisfied, null));
        Assert.Equal((new DateOnly(2027, 1, 6), true), (open.State.Clock!.Due.DueDate, open.State.Clock.Due.Provisional));

        await harness.Directory.PutCalendarYearAsync(2027, Calendar2027);
        var first = await harness.Service.RecomputeProvisionalDeadlinesAsync();
        var second = await harness.Service.RecomputeProvisionalDeadlinesAsync();

        Assert.Equal(new DeadlineRecomputeReport(1, 1), first);
        Assert.Equal(new DeadlineRecomputeReport(0, 0), second);
        var recomputed = (await harness.Service.GetAsync(open.Number))!;
        Assert.Equal((new DateOnly(2027, 1, 7), false), (recomputed.State.Clock!.Due.DueDate, recomputed.State.Clock.Due.Provisional));
        var ledger = (await harness.Service.GetLedgerAsync(open.Number))!;
        Assert.True(ledger.Verification.IsValid);
        var @event = Assert.IsType<DeadlinesRecomputed>(ledger.Entries[^1].Event);
        Assert.Equal(open.State.Clock.Due, @event.PreviousDue);
        Assert.Equal(Actor.System, @event.By);
    }
}
