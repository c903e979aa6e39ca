namespace Assist.Domain.Scoring;

/// <summary>冠、亚、季军: gold, silver and bronze of the quarterly medal table (奖牌榜).</summary>
public enum Medal
{
    Gold = 1,
    Silver = 2,
    Bronze = 3,
}
