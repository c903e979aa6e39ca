using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Workflow;
using Assist.Tests;
using Azure.Data.Tables;

namespace Assist.Storage.Tests.Workflow;

[Collection(UsesAzurite.Name)]
public sealed class ProjectionTests(AzuriteFixture fixture)
{
    private static readonly string[] Topics = ["FINANCE", "TAX", "LABOR", "LAND", "MARKET"];

    [Fact]
    public async Task Counters_FewDozenGeneratedTickets_EqualARecountFromTheEventsAndSurviveARebuild()
    {
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var random = new Random(20260212);
        var numbers = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var ticket = await harness.SubmitAsync(WorkflowHarness.Form(topic: Topics[random.Next(Topics.Length)], type: random.Next(3) == 0 ? "Consultation" : "Help"));
            numbers.Add(ticket.Number);
            await PlayAsync(harness, ticket, random);
            await harness.AdvanceAsync(TimeSpan.FromHours(random.Next(1, 30)));
        }

        await harness.AdvanceAsync(TimeSpan.FromDays(20));

        var expected = await RecountAsync(harness, numbers);
        Assert.Equal(expected, await AllMonthsAsync(harness));
        Assert.Contains(expected.Values, c => c.Overdue > 0);
        Assert.Contains(expected.Values, c => c.Rated > 0);

        var desks = await ViewsAsync(harness);
        var rebuilt = await harness.Service.RebuildProjectionsAsync();

        Assert.Equal(numbers.Count, rebuilt.Tickets);
        Assert.Equal(expected, await AllMonthsAsync(harness));
        Assert.Equal(desks, await ViewsAsync(harness));
    }

    /// <summary>Every view and read-model row but the assignment hints (last writer wins, so their order differs), without timestamps.</summary>
    private static async Task<List<string>> ReadModelRowsAsync(WorkflowHarness harness)
    {
        var rows = new List<string>();
        foreach (var (name, table) in new[] { ("Views", harness.Storage.Views), ("ReadModels", harness.Storage.ReadModels) })
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                if (row.PartitionKey != WorkflowKeys.AssignmentPartition)
                {
                    rows.Add(name + ":" + string.Join(';', row.Where(p => p.Key is not (nameof(TableEntity.Timestamp) or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
                }
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Per counter partition, the sum of each number over the aggregate and the unfolded deltas (what readers add up).</summary>
    private static async Task<Dictionary<string, long>> CounterSumsAsync(WorkflowHarness harness)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in harness.Storage.Counters.QueryAsync<TableEntity>())
        {
            if (CounterFold.IsFolded(row))
            {
                continue;
            }

            foreach (var (name, value) in row)
            {
                if (value is int or long)
                {
                    var key = $"{row.PartitionKey}/{name}";
                    sums[key] = sums.GetValueOrDefault(key) + Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return sums;
    }

    /// <summary>Some tickets are signed in on time, some late, some replied and rated, some left to run overdue.</summary>
    private static async Task PlayAsync(WorkflowHarness harness, TicketRecord ticket, Random random)
    {
        var officer = Actor.Staff(ticket.State.OfficerId!);
        var lead = ticket.State.LeadDepartmentId!;
        var fate = random.Next(4);
        if (fate == 0)
        {
            return;
        }

        await harness.DoAsync(ticket.Number, new CheckIn(officer, lead));
        if (fate == 1)
        {
            return;
        }

        await harness.DoAsync(ticket.Number, new Reply(officer, "已办理", random.Next(2) == 0));
        if (fate == 3)
        {
            await harness.DoAsync(ticket.Number, new Confirm(Actor.Enterprise, (SatisfactionRating)random.Next(1, 6), null));
        }
    }

    /// <summary>Counts straight from the ledgers, the way an auditor would, month by month in China time.</summary>
    private static async Task<Dictionary<string, DepartmentCounts>> RecountAsync(WorkflowHarness harness, IEnumerable<string> numbers)
    {
        var counts = new Dictionary<string, DepartmentCounts>();
        void Add(DateTimeOffset at, string department, Func<DepartmentCounts, DepartmentCounts> change)
        {
            var key = $"{at.ToOffset(TimeSpan.FromHours(8)):yyyy-MM}/{department}";
            counts[key] = change(counts.GetValueOrDefault(key) ?? DepartmentCounts.Zero(department));
        }

        foreach (var number in numbers)
        {
            var ledger = await harness.Service.GetLedgerAsync(number);
            string? replier = null;
            var resolved = false;
            foreach (var entry in ledger!.Entries)
            {
                switch (entry.Event)
                {
                    case TicketRouted e:
                        e.Departments.ToList().ForEach(d => Add(e.At, d.DepartmentId, c => c with { SignInsDue = c.SignInsDue + 1 }));
                        break;
                    case DepartmentSignedIn { OnTime: true } e:
                        Add(e.At, e.DepartmentId, c => c with { SignedInOnTime = c.SignedInOnTime + 1 });
                        break;
                    case TicketReplied e:
                        replier = e.DepartmentId;
                        resolved = e.Resolved;
                        Add(e.At, e.DepartmentId, c => c with { Replied = c.Replied + 1 });
                        break;
                    case TicketClosed { Rating: { } rating } e:
                        Add(e.At, replier!, c => c with { Answered = c.Answered + 1, Resolved = c.Resolved + (resolved ? 1 : 0) });
                        Add(e.At, replier!, c => rating switch
                        {
                            SatisfactionRating.VerySatisfied => c with { VerySatisfied = c.VerySatisfied + 1 },
                            SatisfactionRating.Satisfied => c with { Satisfied = c.Satisfied + 1 },
                            SatisfactionRating.BasicallySatisfied => c with { BasicallySatisfied = c.BasicallySatisfied + 1 },
                            SatisfactionRating.Dissatisfied => c with { Dissatisfied = c.Dissatisfied + 1 },
                            _ => c with { VeryDissatisfied = c.VeryDissatisfied + 1 },
                        });
                        break;
                    case TicketClosed { Rating: null } e:
                        Add(e.At, replier!, c => c with { Unrated = c.Unrated + 1, Answered = c.Answered + 1, Resolved = c.Resolved + (resolved ? 1 : 0) });
                        break;
                    case EscalationRaised { Rung: EscalationRung.YellowCard or EscalationRung.ContributionOverdue } e:
                        Add(e.At, e.DepartmentId!, c => c with { Overdue = c.Overdue + 1 });
                        break;
                }
            }
        }

        return counts;
    }

    private static async Task<Dictionary<string, DepartmentCounts>> AllMonthsAsync(WorkflowHarness harness)
    {
        var all = new Dictionary<string, DepartmentCounts>();
        foreach (var month in new[] { 2, 3, 4 })
        {
            foreach (var (department, counts) in await harness.ReadModels.GetMonthCountersAsync(2026, month))
            {
                all[$"2026-{month:D2}/{department}"] = counts;
            }
        }

        return all;
    }

    private static async Task<List<string>> ViewsAsync(WorkflowHarness harness)
    {
        var rows = new List<string>();
        foreach (var department in new[] { "finance", "tax", "hrss", "landplan", "market" })
        {
            rows.AddRange((await harness.ReadModels.ListDepartmentQueueAsync(department)).Items.Select(s => $"dept {department} {s}"));
            foreach (var officer in new[] { 1, 2 })
            {
                rows.AddRange((await harness.ReadModels.ListDeskAsync($"officer.{department}.{officer}")).Items.Select(s => $"desk {s}"));
            }
        }

        rows.AddRange((await harness.ReadModels.ListOverdueAsync()).Items.Select(s => $"overdue {s}"));
        return rows;
    }
}
