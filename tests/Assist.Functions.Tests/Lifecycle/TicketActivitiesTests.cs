using Assist.Functions.Lifecycle;

namespace Assist.Functions.Tests.Lifecycle;

public sealed class TicketActivitiesTests
{
    [Theory]
    [InlineData(0.2, 2)]
    [InlineData(1.0, 2)]
    [InlineData(59.4, 61)]
    public void Clamp_TimeToTheNextDueMoment_RoundedUpToWholeSecondsAndOneMoreSoATimerFiringEarlyFindsItDue(double seconds, double waited)
    {
        Assert.Equal(TimeSpan.FromSeconds(waited), TicketActivities.Clamp(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Clamp_AlreadyDueOrFarAway_ShortestOrLongestWait()
    {
        Assert.Equal(TicketActivities.ShortestWait, TicketActivities.Clamp(TimeSpan.FromSeconds(-3)));
        Assert.Equal(TicketActivities.LongestWait, TicketActivities.Clamp(TimeSpan.FromDays(9)));
    }
}
