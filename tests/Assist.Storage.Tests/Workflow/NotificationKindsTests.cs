using Assist.Domain.Tickets;
using Assist.Storage.Workflow;

namespace Assist.Storage.Tests.Workflow;

/// <summary>The kinds webhook receivers choose from are every kind a notification can be, each with its words.</summary>
public sealed class NotificationKindsTests
{
    [Fact]
    public void All_EveryKindAndRung_IsListedOnceWithItsOwnTitleInBothLanguages()
    {
        Assert.Equal(NotificationKinds.All.Count, NotificationKinds.All.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(TicketNotifications.Kinds.Assigned, NotificationKinds.All);
        Assert.All(Enum.GetNames<EscalationRung>(), rung => Assert.Contains(rung, NotificationKinds.All));
        Assert.All(NotificationKinds.All, kind =>
        {
            var (title, titleZh) = NotificationKinds.Titles(kind);
            Assert.NotEqual(kind, title);
            Assert.NotEqual(kind, titleZh);
        });
    }
}
