namespace Assist.Domain.Scoring;

/// <summary>A place in the ranking; equal scores share a rank and the next rank skips (1, 1, 3). Only scored departments are ranked.</summary>
public sealed record RankedDepartment(int Rank, DepartmentScore Score);
