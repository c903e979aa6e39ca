namespace Assist.Domain.Scoring;

/// <summary>A place in the ranking; equal scores share a rank and the next rank skips (1, 1, 3).</summary>
public sealed record RankedDepartment(int Rank, DepartmentScore Score);
