namespace Assist.Domain.Scoring;

/// <summary>
/// The weighted rates of a scorecard. A rate with nothing behind it (denominator 0) is "not applicable": shown as
/// "—" and left out of the score.
/// </summary>
public enum Metric
{
    /// <summary>及时签收率: signed in on time / sign-ins due.</summary>
    TimelySignIn,

    /// <summary>
    /// 按时办结率: of the tickets whose resolution deadline (extensions and pause credit included, as the ticket
    /// holds it) fell in the period, or whose deadline fell before it and that were still without an accepted
    /// answer at the period's end, those whose accepted answer (the reply the enterprise confirmed, or that closed
    /// as 未评价) came by the deadline. A rejected reply is no answer; a ticket open past its deadline counts against
    /// the department. A quarter is judged at its own end: a ticket overdue through January and February counts once.
    /// </summary>
    OnTimeCompletion,

    /// <summary>
    /// 解决率: accepted answers that said the problem was resolved / accepted answers (confirmed or 未评价), both
    /// counted in the month the answer was accepted (closed). A rejected reply counts in neither.
    /// </summary>
    Resolution,

    /// <summary>满意率: (非常满意 + 满意 + 基本满意) / rated; 未评价 is not in the denominator.</summary>
    Satisfaction,
}
