using System.Globalization;
using Assist.Domain.Scoring;
using Assist.Domain.Tickets;
using Assist.Storage.Directory;
using Assist.Storage.Reports;
using Assist.Storage.Tests.Workflow;
using Assist.Tests;
using FsCheck;
using FsCheck.Fluent;

namespace Assist.Storage.Tests.Reports;

/// <summary>
/// Every published figure equals a recount from the events (PRODUCT.md, Measures). Generated histories — returns,
/// rejections, pauses (待补充), extensions, confidential tickets, auto-closes (未评价), tickets still open — are played
/// through the real decider, projected through the projection's own pure deltas (<see cref="ReportTotals"/>, what
/// the live projector and the bulk loader write; <see cref="ReportProjectionTests"/> holds the stored projection to
/// the same totals on Azurite), and compared with <see cref="EventRecount"/> and the scoring written out below from
/// the definitions: rates, score, rank, 无件不排名, bottom units of the 通报, and the quarter's medals with floors.
/// </summary>
[Collection(UsesAzurite.Name)]
public sealed class RecountProperties(AzuriteFixture fixture)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset FirstReceipt = new(2025, 11, 3, 8, 30, 0, China);

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(100);

    private static Arbitrary<(int Seed, int Tickets, int StartDays, int SpanDays, int TailDays)> Runs() =>
        Gen.Choose(1, 1_000_000)
            .Zip(Gen.Choose(4, 30))
            .Zip(Gen.Choose(0, 120).Zip(Gen.Choose(1, 75)).Zip(Gen.Choose(0, 70)))
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2.Item1.Item1, t.Item2.Item1.Item2, t.Item2.Item2))
            .ToArbitrary();

    [Fact]
    public async Task PublishedFigures_AnyGeneratedHistories_EqualAnIndependentRecountFromTheEvents()
    {
        // The seeded directory (departments, routing, policies, calendar, weights), read once from Azurite.
        using var harness = await WorkflowHarness.StartAsync(fixture);
        var directory = await harness.Directory.GetAsync();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Check.One(Config, Prop.ForAll(Runs(), run =>
        {
            var (tickets, horizon) = Generate(directory, run);
            Tally(seen, tickets);
            var totals = new ReportTotals();
            foreach (var ticket in tickets)
            {
                totals.AddTicket(ticket.Events, directory.Calendar);
            }

            var recount = EventRecount.Of(tickets, directory.Calendar);
            foreach (var period in Periods(FirstReceipt, horizon))
            {
                var published = totals.Scorecard(period, directory.Weights, 3, directory.Calendar.Hours.DayLength);
                var expected = Expected(recount, period, directory.Weights, 3);
                Assert.Equal(expected.Lines, [.. published.Lines.Select(Shape)]);
                Assert.Equal(expected.Bottom, [.. published.Bottom.Select(l => l.DepartmentId)]);
                if (period.IsQuarter)
                {
                    var medals = MedalTable.From(published.Lines, directory.Weights);
                    Assert.Equal(expected.Medals, [.. medals.Awards.Select(a => (a.Category, a.Medal, a.DepartmentId)).Order()]);
                }
            }
        }));

        // The histories exercised what they claim to; equality above means something.
        foreach (var feature in new[] { "return", "rejection", "pause", "extension", "confidential", "unrated", "open-overdue", "rated", "red-card" })
        {
            Assert.True(seen.GetValueOrDefault(feature) > 0, $"no generated history had: {feature}");
        }
    }

    /// <summary>Tickets received on working days from <see cref="FirstReceipt"/> + StartDays over SpanDays; the horizon TailDays after the last can be received.</summary>
    internal static (IReadOnlyList<GeneratedTicket> Tickets, DateTimeOffset Horizon) Generate(DirectorySnapshot directory, (int Seed, int Tickets, int StartDays, int SpanDays, int TailDays) run)
    {
        var calendar = directory.Calendar;
        var context = new DecisionContext(directory.Policies, calendar, directory.Organization, directory.Routing, Domain.Routing.AssignmentSnapshot.Empty);
        var generator = new TicketHistoryGenerator(context, run.Seed, enterprises: 12);
        var random = new Random(run.Seed);
        var first = FirstReceipt.AddDays(run.StartDays);
        var last = first.AddDays(run.SpanDays);
        var horizon = last.AddDays(run.TailDays).AddHours(random.Next(0, 24));
        var span = calendar.WorkingTimeBetween(first, last);
        var tickets = new List<GeneratedTicket>(run.Tickets);
        for (var i = 0; i < run.Tickets; i++)
        {
            var received = calendar.AddWorkingTime(first, TimeSpan.FromMinutes(random.NextDouble() * Math.Max(1, span.TotalMinutes))).At;
            tickets.Add(generator.Generate(i + 1, received, horizon));
        }

        return (tickets, horizon);
    }

    /// <summary>Every month and quarter from the first receipt to the month after the horizon.</summary>
    internal static IEnumerable<ReportPeriod> Periods(DateTimeOffset from, DateTimeOffset horizon)
    {
        var month = new DateOnly(from.Year, from.Month, 1);
        var end = DateOnly.FromDateTime(horizon.ToOffset(China).DateTime).AddMonths(1);
        var quarters = new HashSet<string>(StringComparer.Ordinal);
        for (; month <= end; month = month.AddMonths(1))
        {
            yield return ReportPeriod.Month(month.Year, month.Month);
            var quarter = ReportPeriod.Containing(month, quarter: true);
            if (quarters.Add(quarter.ToString()))
            {
                yield return quarter;
            }
        }
    }

    /// <summary>
    /// The scorecard and medals as PRODUCT.md defines them, from the recount's counts: a rate with nothing behind it
    /// is "—" (null) and left out; the score is the weighted mean of the applicable rates, a rate under its floor
    /// scoring 0, rounded to two decimals; no applicable rate, no score and no rank; competition ranks; the bottom N
    /// ranked (with ties); medals to the top three places among rates at or above their floor, ties sharing.
    /// </summary>
    private static (List<string> Lines, List<string> Bottom, List<(MedalCategory, Medal, string)> Medals) Expected(EventRecount recount, ReportPeriod period, ScoreWeights weights, int bottomCount)
    {
        var counts = recount.CountsIn(period);
        var times = recount.TimesIn(period);
        var departments = counts.Keys.Union(times.Keys).Order(StringComparer.Ordinal).ToList();
        var rows = departments.Select(id =>
        {
            var c = counts.GetValueOrDefault(id) ?? DepartmentCounts.Zero(id);
            var t = times.GetValueOrDefault(id);
            var rates = new Dictionary<Metric, decimal?>
            {
                [Metric.TimelySignIn] = Ratio(c.SignedInOnTime, c.SignInsDue),
                [Metric.OnTimeCompletion] = Ratio(c.CompletedOnTime, c.CompletionsDue),
                [Metric.Resolution] = Ratio(c.Resolved, c.Answered),
                [Metric.Satisfaction] = Ratio(c.VerySatisfied + c.Satisfied + c.BasicallySatisfied, c.VerySatisfied + c.Satisfied + c.BasicallySatisfied + c.Dissatisfied + c.VeryDissatisfied),
            };
            var applicable = weights.Metrics.Where(w => rates[w.Metric] is not null).ToList();
            decimal? score = applicable.Count == 0
                ? null
                : Math.Round(100m * applicable.Sum(w => rates[w.Metric]!.Value < w.Floor ? 0m : w.Weight * rates[w.Metric]!.Value) / applicable.Sum(w => w.Weight), 2, MidpointRounding.AwayFromZero);
            var response = t is null || t.SignedIn == 0 ? (decimal?)null : (decimal)t.Responded / t.SignedIn;
            return (Id: id, Rates: rates, Score: score, Response: response);
        }).ToList();

        var ranked = rows.Where(r => r.Score is not null).OrderByDescending(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        int Place(decimal? score) => 1 + ranked.Count(r => r.Score > score);
        var bottomScore = ranked.Count == 0 || bottomCount == 0 ? (decimal?)null : ranked[^Math.Min(bottomCount, ranked.Count)].Score;
        bool Bottom(decimal? score) => score is not null && bottomScore is not null && score <= bottomScore;
        var ordered = ranked.Concat(rows.Where(r => r.Score is null));
        var lines = ordered.Select(r => Shape(r.Id, r.Score is null ? null : Place(r.Score), r.Score, r.Rates, r.Response, Bottom(r.Score))).ToList();
        var bottom = ranked.Where(r => Bottom(r.Score)).Select(r => r.Id).ToList();

        var medals = new List<(MedalCategory, Medal, string)>();
        foreach (var category in Enum.GetValues<MedalCategory>())
        {
            var contenders = rows
                .Select(r => (r.Id, Value: category switch
                {
                    MedalCategory.Overall => r.Score,
                    MedalCategory.Response => r.Response is { } v && v >= (weights.ResponseFloor ?? 0m) ? v : null,
                    _ => r.Rates[Of(category)] is { } v && v >= weights.Metrics.Single(w => w.Metric == Of(category)).Floor ? v : null,
                }))
                .Where(c => c.Value is not null)
                .ToList();
            foreach (var (id, value) in contenders)
            {
                var place = 1 + contenders.Count(c => c.Value > value);
                if (place <= 3)
                {
                    medals.Add((category, (Medal)place, id));
                }
            }
        }

        return (lines, bottom, [.. medals.Order()]);
    }

    private static Metric Of(MedalCategory category) => category switch
    {
        MedalCategory.TimelySignIn => Metric.TimelySignIn,
        MedalCategory.OnTimeCompletion => Metric.OnTimeCompletion,
        MedalCategory.Resolution => Metric.Resolution,
        MedalCategory.Satisfaction => Metric.Satisfaction,
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    private static decimal? Ratio(int numerator, int denominator) => denominator == 0 ? null : (decimal)numerator / denominator;

    private static string Shape(ScorecardLine line) =>
        Shape(line.DepartmentId, line.Rank, line.Score.Score, line.Score.Rates, line.ResponseRate, line.Bottom);

    private static string Shape(string id, int? rank, decimal? score, IReadOnlyDictionary<Metric, decimal?> rates, decimal? response, bool bottom) =>
        string.Create(CultureInfo.InvariantCulture, $"{rank?.ToString(CultureInfo.InvariantCulture) ?? "—"} {id} {score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—"} ")
        + string.Join(' ', Enum.GetValues<Metric>().Select(m => rates.GetValueOrDefault(m)?.ToString("0.000000", CultureInfo.InvariantCulture) ?? "—"))
        + string.Create(CultureInfo.InvariantCulture, $" r={response?.ToString("0.000000", CultureInfo.InvariantCulture) ?? "—"} {(bottom ? "末位" : "")}");

    private static void Tally(Dictionary<string, int> seen, IReadOnlyList<GeneratedTicket> tickets)
    {
        void See(string feature, bool present)
        {
            if (present)
            {
                seen[feature] = seen.GetValueOrDefault(feature) + 1;
            }
        }

        foreach (var ticket in tickets)
        {
            See("return", ticket.Events.Any(e => e is ReturnAccepted or ReturnRefused));
            See("rejection", ticket.Events.Any(e => e is ReplyRejected));
            See("pause", ticket.Events.Any(e => e is InformationRequested));
            See("extension", ticket.Events.Any(e => e is ExtensionApproved));
            See("confidential", ticket.State.Submission?.Confidential == true);
            See("unrated", ticket.State.Closure?.Kind == ClosureKind.Unrated);
            See("rated", ticket.State.Closure?.Kind == ClosureKind.Confirmed);
            See("open-overdue", ticket.State.Status != TicketStatus.Closed && ticket.Events.Any(e => e is EscalationRaised { Rung: EscalationRung.YellowCard }));
            See("red-card", ticket.Events.Any(e => e is EscalationRaised { Rung: EscalationRung.RedCard }));
        }
    }
}
