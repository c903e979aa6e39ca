namespace Assist.Domain.Tickets;

/// <summary>Every timeout a ticket can hold has a name.</summary>
public enum TimerKind
{
    /// <summary>A department's sign-in limit; keyed by department id (lead and each co-handler).</summary>
    SignInDue,
    BlueReminder,
    YellowCard,
    RedCard,
    HqEscalation,

    /// <summary>A supervision order's own deadline; keyed by order id.</summary>
    SupervisionOrderDue,
    ReturnDecisionDue,
    ExtensionDecisionDue,

    /// <summary>A co-handler's contribution is due soon (its ladder's blue rung); keyed by department id.</summary>
    ContributionReminder,

    /// <summary>A co-handler's contribution deadline; keyed by department id.</summary>
    ContributionDue,

    /// <summary>A co-handler's contribution is overdue by the ladder's red-card days; keyed by department id.</summary>
    ContributionRedCard,

    /// <summary>The enterprise's time to confirm a reply; at expiry the ticket closes as 未评价.</summary>
    ConfirmationWindow,
}
