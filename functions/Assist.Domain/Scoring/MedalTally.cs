namespace Assist.Domain.Scoring;

/// <summary>A department's row of the 奖牌榜: its place (ties share it) and how many medals of each colour it won.</summary>
public sealed record MedalTally(int Rank, string DepartmentId, int Gold, int Silver, int Bronze)
{
    public int Total => Gold + Silver + Bronze;
}
