namespace Assist.Domain.Scoring;

/// <summary>What a medal is for: 全能 (the overall score) or a single metric (单项).</summary>
public enum MedalCategory
{
    /// <summary>全能: the weighted score.</summary>
    Overall,

    /// <summary>及时签收率</summary>
    TimelySignIn,

    /// <summary>响应率</summary>
    Response,

    /// <summary>按时办结率</summary>
    OnTimeCompletion,

    /// <summary>解决率</summary>
    Resolution,

    /// <summary>满意率</summary>
    Satisfaction,
}
