using Assist.Domain.Calendar;
using Assist.Domain.Tickets;
using static Assist.Domain.Tests.Support.TestData;

namespace Assist.Domain.Tests.Support;

/// <summary>
/// Tickets whose deadlines run into 2027, whose notice Assist does not ship: computed on Monday–Friday and provisional
/// until an administrator loads the year (<see cref="Year2027"/>, with 元旦 on Friday 2027-01-01).
/// </summary>
public static class NewYear
{
    /// <summary>Monday 2026-12-28 10:00 in Beijing: a 7-working-day limit counts Friday 2027-01-01 on Monday–Friday.</summary>
    public static readonly DateTimeOffset Received = Beijing(2026, 12, 28, 10);

    /// <summary>A 2027 notice as an administrator would load it (holiday-cn format), New Year's Day off.</summary>
    public static CalendarYear Year2027 { get; } = CalendarYearParser.Parse(
        """
        {"year": 2027, "papers": ["https://www.gov.cn/example/2027"], "days": [
          {"name": "元旦", "date": "2027-01-01", "isOffDay": true}
        ]}
        """);

    /// <summary>The decision context once 2027 is loaded.</summary>
    public static DecisionContext Loaded { get; } = Context with { Calendar = WorkingCalendar.Default.WithYear(Year2027) };

    /// <summary>A help request received on <see cref="Received"/> and signed in; then 2027 is loaded and the ticket asked to recompute.</summary>
    public static TicketScenario AcrossNewYear()
    {
        var scenario = new TicketScenario();
        scenario.Given(TicketScenario.Submit(), Received).SignInLead(scenario, Received);
        scenario.Context = Loaded;
        scenario.Given(new RecomputeDeadlines(Actor.System), Received.AddHours(2));
        return scenario;
    }
}
