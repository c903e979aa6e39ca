namespace Assist.Domain.Scoring;

public enum Metric
{
    /// <summary>及时签收率: signed in on time / sign-ins due.</summary>
    TimelySignIn,

    /// <summary>按时办结率: replied on time / replied.</summary>
    OnTimeCompletion,

    /// <summary>解决率: resolved / replied.</summary>
    Resolution,

    /// <summary>满意率: (非常满意 + 满意 + 基本满意) / rated; 未评价 is not in the denominator.</summary>
    Satisfaction,
}
