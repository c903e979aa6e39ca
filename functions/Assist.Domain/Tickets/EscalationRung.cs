namespace Assist.Domain.Tickets;

/// <summary>A step of the escalation ladder or a reminder raised by a named timer (HQ escalation has its own event).</summary>
public enum EscalationRung
{
    /// <summary>Blue reminder to the officer before due.</summary>
    BlueReminder,

    /// <summary>Yellow card to the department head at due.</summary>
    YellowCard,

    /// <summary>Red card to the supervisors, recorded for the monthly bulletin (通报).</summary>
    RedCard,

    /// <summary>A department did not sign in within its sign-in limit.</summary>
    SignInOverdue,

    /// <summary>A supervision order (督办单) passed its own deadline.</summary>
    SupervisionOrderOverdue,

    /// <summary>A return waits for a supervisor's decision past its window.</summary>
    ReturnDecisionOverdue,

    /// <summary>An extension request waits for a supervisor's decision past its window.</summary>
    ExtensionDecisionOverdue,

    /// <summary>A co-handler's contribution (协办意见) is due soon: its department is reminded.</summary>
    ContributionReminder,

    /// <summary>A co-handler missed its contribution deadline: its heads and the lead's officer are told; counted against it.</summary>
    ContributionOverdue,

    /// <summary>A co-handler's contribution is overdue by the ladder's red-card days: the supervisors are told.</summary>
    ContributionRedCard,
}
